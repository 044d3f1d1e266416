import { z } from 'zod';
import { type EvalRow, type JsonObject, parseJson, toolSpec, type ToolSpec } from '../schema/index.js';
import { describeDuplicate, DUPLICATE_GUARD, duplicateOf, goldenTargets, type GoldenTarget } from './duplicateGuard.js';
import { lostEntity } from './entities.js';
import { goldenStrings, splitTools } from './goldenTools.js';
import { MAX_TYPOS, MIN_TYPOS } from './realisticTypos.js';
import { checkRewrite, rewriteText, type RewriteContext } from './rewriter.js';
import { Rng } from './rng.js';
import { perturbed, skip, type PerturbResult } from './types.js';
import { lastUserQuery, withMessageContent } from './userQuery.js';

export const LLM_TYPOS_INSTRUCTION =
  `Add ${MIN_TYPOS}-${MAX_TYPOS} realistic typos to the user's request below, as a person typing fast would: a neighbouring key ` +
  '(e→r), two swapped letters (teh), a missing letter, a doubled letter or a common misspelling. Do not change numbers, ' +
  'dates, quoted text, names, proper nouns, technical terms or the meaning. Reply with the changed request only.';

/** A word rewritten further than this is another word, not a misspelling of it. */
const MAX_EDITS_PER_WORD = 2;

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
 * adjacent characters, one edit each, as a typist makes them ("teh" is one slip, not two).
 */
export function typoDistance(a: string, b: string): number {
  // Three rows suffice: a swap looks two rows back.
  let older: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, older[j - 2]! + 1);
      current.push(best);
    }
    older = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/** The pairs of words at the same position that differ, when the word count is the same; undefined when it is not. */
function changedWords(before: string, after: string): Array<[string, string]> | undefined {
  const a = before.trim().split(/\s+/);
  const b = after.trim().split(/\s+/);
  if (a.length !== b.length) return undefined;
  return a.flatMap((word, i): Array<[string, string]> => (word === b[i] ? [] : [[word, b[i]!]]));
}

const edits = (n: number) => `${n} edit${n === 1 ? '' : 's'}`;

/** Why `after` is not `before` with MIN_TYPOS–MAX_TYPOS typos in its words, or undefined when it is. */
export function typoProblem(before: string, after: string): string | undefined {
  const changed = changedWords(before, after);
  if (changed === undefined) return 'words were added or removed, not just misspelt';
  const distances = changed.map(([from, to]) => typoDistance(from, to));
  const far = distances.findIndex((d) => d > MAX_EDITS_PER_WORD);
  if (far >= 0) {
    const [from, to] = changed[far]!;
    return `"${from}" became "${to}", ${edits(distances[far]!)}: another word, not a typo (at most ${MAX_EDITS_PER_WORD} per word)`;
  }
  const total = distances.reduce((sum, d) => sum + d, 0);
  if (total < MIN_TYPOS) return `${edits(total)} (at least ${MIN_TYPOS})`;
  return total > MAX_TYPOS ? `${edits(total)} (at most ${MAX_TYPOS})` : undefined;
}

/**
 * `realistic_typos`, LLM variant: the rewriter adds the typos, the validator checks they are
 * only typos, in ordinary words: an entity must survive letter for letter, case included.
 */
export async function llmTypos(row: EvalRow, seed: number, ctx: RewriteContext): Promise<PerturbResult> {
  const query = lastUserQuery(row);
  if (!query) return skip('no user message to put typos in');
  const keep = goldenStrings(row);
  const outcome = await rewriteText(ctx, {
    type: 'realistic_typos',
    rowId: row.id,
    seed,
    instruction: LLM_TYPOS_INSTRUCTION,
    text: query.content,
    validate: (text) => {
      const problem = checkRewrite(query.content, text, { keep });
      if (problem) return problem;
      // checkRewrite forgives case; a typo may not even recase an entity.
      const touched = lostEntity(query.content, text, true);
      if (touched) return `a typo went into the ${touched.kind} "${touched.text}" (only ordinary words may take one)`;
      return typoProblem(query.content, text);
    },
  });
  if (!outcome.ok) return skip(outcome.reason);
  const metadata: JsonObject = { message_index: query.index, model: ctx.rewriter.id, attempts: outcome.attempts, before: query.content, after: outcome.text };
  return perturbed(row, { type: 'realistic_typos', mdp_category: 'observation', variant: 'llm', metadata }, {
    conversation: withMessageContent(row.conversation, query.index, outcome.text),
  });
}

export function redundantToolsInstruction(count: number, takenNames: readonly string[]): string {
  return (
    `The JSON below describes a software tool. Invent ${count} new tool(s) that are semantically related to it but serve ` +
    'DIFFERENT purposes, as tools of the same API might. None may be able to stand in for it: no name made of the ' +
    'same words as its name, and no tool that takes all of its required parameters and shares a word of its name. ' +
    `Give each a unique name that is none of ${JSON.stringify(takenNames)}, a one-sentence description and JSON-Schema parameters ` +
    '{"type": ..., "properties": {...}, "required": [...]}. Reply with a JSON array of {"name", "description", "parameters"} objects only.'
  );
}

const generatedTools = z.array(toolSpec).min(1);

/** The generated tools, or why they are rejected: not `count` tools, a name taken, or a tool that could satisfy a golden call. */
function parseGenerated(text: string, count: number, taken: ReadonlySet<string>, targets: readonly GoldenTarget[]): ToolSpec[] | string {
  let value: unknown;
  try {
    value = parseJson(text);
  } catch {
    return 'the answer is not JSON';
  }
  const parsed = generatedTools.safeParse(value);
  if (!parsed.success) return 'the answer is not a list of tools with name, description and parameters';
  const tools = parsed.data;
  if (tools.length !== count) return `expected ${count} tool(s), got ${tools.length}`;
  const names = tools.map((t) => t.name);
  const clash = names.find((n, i) => taken.has(n) || names.indexOf(n) !== i);
  if (clash !== undefined) return `the name ${clash} is already taken`;
  for (const tool of tools) {
    const duplicate = duplicateOf(tool, targets);
    if (duplicate) return `${describeDuplicate(tool.name, duplicate)}; it must serve a different purpose`;
  }
  return tools;
}

/**
 * `redundant`, LLM variant: the rewriter invents 1–2 related tools per golden tool; one that
 * could satisfy a golden call of the row (see `duplicateOf`) is rejected and the rewriter asked
 * again. Order `non-golden + added + golden`.
 */
export async function llmRedundant(row: EvalRow, seed: number, ctx: RewriteContext): Promise<PerturbResult> {
  const split = splitTools(row);
  if (typeof split === 'string') return skip(split);
  const rng = new Rng(seed, 'redundant', row.id);
  const targets = goldenTargets(row, split.golden);
  const taken = new Set(row.tools.map((t) => t.name));
  const added: ToolSpec[] = [];
  const notes: JsonObject[] = [];
  for (const gt of new Map(split.golden.map((t) => [t.name, t])).values()) {
    const count = rng.int(1, 2);
    const text = JSON.stringify({ name: gt.name, description: gt.description, parameters: gt.parameters });
    const outcome = await rewriteText(ctx, {
      type: 'redundant',
      rowId: row.id,
      seed,
      instruction: redundantToolsInstruction(count, [...taken]),
      text,
      validate: (answer) => {
        const tools = parseGenerated(answer, count, taken, targets);
        return typeof tools === 'string' ? tools : undefined;
      },
    });
    if (!outcome.ok) return skip(`tools related to ${gt.name}: ${outcome.reason}`);
    // Checked again: a cached answer passed the same checks, unless it was cached before the guard changed.
    const tools = parseGenerated(outcome.text, count, taken, targets);
    if (typeof tools === 'string') return skip(`tools related to ${gt.name}: ${tools}`);
    for (const tool of tools) {
      taken.add(tool.name);
      // Attempts, not the rejected answers: those are not cached, and a rerun from the cache must write the same row.
      notes.push({ name: tool.name, index: split.others.length + added.length, for: gt.name, attempts: outcome.attempts });
      added.push(tool);
    }
  }
  const metadata: JsonObject = { source: 'rewriter', model: ctx.rewriter.id, duplicate_guard: DUPLICATE_GUARD, added: notes };
  return perturbed(row, { type: 'redundant', mdp_category: 'action', variant: 'llm', metadata }, { tools: [...split.others, ...added, ...split.golden] });
}
