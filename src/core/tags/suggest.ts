import { isFaultType } from '../perturb/index.js';
import type { JsonObject, ToolCall } from '../schema/index.js';

/** What the scorer and the perturbation know about one failure. */
export interface FailureFacts {
  split: string;
  errorType?: string;
  perturbation?: JsonObject;
  calls: ToolCall[];
  rawOutput?: string;
  toolNames: string[];
  /** Transition cases: pass 1's calls, when a fault was injected after them. */
  pass1Calls?: ToolCall[];
}

/**
 * The scorer's machine categories: BFCL's error types (`checker:kind`) and the plain matcher's.
 * Every error type the checkers emit maps to one built-in category.
 */
const ERROR_KIND_CATEGORY: Array<[RegExp, string]> = [
  [/^ast_decoder:|^unsupported:prompting_syntax$/, 'decode_failure'],
  [/^irrelevance_error:/, 'irrelevance_error'],
  [/^relevance_error:/, 'relevance_error'],
  [/:wrong_func_name$/, 'wrong_func_name'],
  [/:missing_(required|optional|param)$/, 'missing_required'],
  [/:unexpected_(param|call)$/, 'unexpected_param'],
  [/^type_error:/, 'type_error'],
  [/^value_error:|:value_error$|:cannot_find_match$|:unclear$/, 'value_error'],
  [/:wrong_count$/, 'wrong_count'],
];

export function categoryForErrorType(errorType: string): string | undefined {
  return ERROR_KIND_CATEGORY.find(([pattern]) => pattern.test(errorType))?.[1];
}

function distractorNames(perturbation: JsonObject | undefined, key: 'distractors' | 'added'): Set<string> {
  const list = perturbation?.[key];
  if (!Array.isArray(list)) return new Set();
  return new Set(list.flatMap((d) => (d && typeof d === 'object' && !Array.isArray(d) && typeof d['name'] === 'string' ? [d['name']] : [])));
}

/**
 * A first guess at why a sample failed, for a person to confirm with one key. What the
 * perturbation reveals (the lure was taken, the fault was not retried) comes before the
 * scorer's generic category, which is the fallback and, for plain BFCL runs, the answer.
 */
export function suggestCategory(f: FailureFacts): string | undefined {
  const machine = f.errorType ? categoryForErrorType(f.errorType) : undefined;
  // Without a perturbation (a plain BFCL run, a clean row) the scorer's category is the answer.
  if (!f.perturbation) return machine;
  const names = f.calls.map((c) => c.name);
  if (isFaultType(f.split) && f.pass1Calls?.length) {
    if (names.length === 0) return 'no_retry_after_fault';
    const sameNames = names.join('\u0000') === f.pass1Calls.map((c) => c.name).join('\u0000');
    if (sameNames && JSON.stringify(f.calls) !== JSON.stringify(f.pass1Calls)) return 'retry_changed_args';
  }
  const lures = distractorNames(f.perturbation, 'distractors');
  if (/^(CD|TD)/.test(f.split) && names.some((n) => lures.has(n))) return f.split.startsWith('TD') ? 'latency_lure' : 'cost_lure';
  if (f.split === 'redundant' && names.some((n) => distractorNames(f.perturbation, 'added').has(n))) return 'redundant_tool';
  if (f.split.startsWith('same_name_') && machine && ['value_error', 'type_error', 'missing_required', 'unexpected_param'].includes(machine)) return 'same_name_distractor';
  if (names.some((n) => !f.toolNames.includes(n))) return 'hallucinated_name';
  if (names.length === 0 && machine !== 'relevance_error' && machine !== 'decode_failure') return f.rawOutput?.trim() ? 'answered_in_text' : 'no_call';
  return machine;
}
