import type { Component } from '../schema/index.js';

export type SourceKind = 'predictions' | 'bfcl-run' | 'eval-set';

export type Verdict = 'pass' | 'fail' | 'unscored';

import type { LineLocation } from '../formats/index.js';

/** Where a record lives, so the index keeps a few numbers instead of the record itself. */
export interface RecordLocation extends LineLocation {
  line: number;
}

/** One sample of one split of one run of one model, as the Results tree lists it. */
export interface IndexEntry {
  /** The source it came from (a prediction file, a BFCL run folder, an eval-set folder). */
  source: string;
  kind: SourceKind;
  run: string;
  model: string;
  /** `clean`, a perturbation type, or a BFCL category. */
  split: string;
  /** The part of the tool-use POMDP the split perturbs; undefined for BFCL categories. */
  component?: Component | 'clean';
  id: string;
  verdict: Verdict;
  /** Transition cases: whether pass 1 made a call, so the fault was really injected. */
  injected?: boolean;
  /** The run protocol the record names (`protocolLabel`); absent for BFCL results and older records. */
  protocol?: string;
  errorType?: string;
  explanation?: string;
  /** The last user message, cut short: what text search looks in besides the id. */
  prompt: string;
  record: RecordLocation;
  /** BFCL failures: the score-file line BFCL wrote for it (prompt, answer, error). */
  scoreRecord?: RecordLocation;
}

export interface SourceSummary {
  key: string;
  kind: SourceKind;
  run: string;
  entries: IndexEntry[];
}

export const PROMPT_CHARS = 400;

/** The text of the last user message of a conversation-like value, cut to `PROMPT_CHARS`. */
export function lastUserText(conversation: unknown): string {
  const messages = Array.isArray(conversation) ? conversation.flat(2) : [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as { role?: unknown; content?: unknown } | undefined;
    if (m?.role === 'user' && typeof m.content === 'string') return m.content.slice(0, PROMPT_CHARS);
  }
  return '';
}
