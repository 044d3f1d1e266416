import { z } from 'zod';

export const tagCategory = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_.:-]*$/, 'lower-case letters, digits and _ . : -'),
  label: z.string().min(1),
  description: z.string().default(''),
  /** A single key that applies this category in the inspector. */
  key: z.string().length(1).optional(),
});
export type TagCategory = z.infer<typeof tagCategory>;

/** `.robustlens/taxonomy.json`: the workspace's own categories, added to the built-in ones. */
export const taxonomyFile = z.object({
  categories: z.array(tagCategory).default([]),
});

/**
 * Built-in categories. The first group mirrors the scorer's machine categories (BFCL's error
 * types), so a suggestion is never a guess; the second names what perturbations reveal.
 */
export const BUILTIN_CATEGORIES: readonly TagCategory[] = [
  { id: 'wrong_func_name', label: 'Wrong function name', description: 'Called a tool, but not the expected one.' },
  { id: 'missing_required', label: 'Missing required parameter', description: 'Left out a parameter the tool requires.' },
  { id: 'unexpected_param', label: 'Unexpected parameter', description: 'Passed a parameter the tool does not have or the answer does not allow.' },
  { id: 'type_error', label: 'Type error', description: 'An argument has the wrong type (e.g. "4" for an integer).' },
  { id: 'value_error', label: 'Value error', description: 'An argument has the right type but a wrong value.' },
  { id: 'wrong_count', label: 'Wrong number of calls', description: 'Too many or too few calls.' },
  { id: 'decode_failure', label: 'Output did not parse', description: 'The output could not be decoded into tool calls.' },
  { id: 'irrelevance_error', label: 'Called a tool when none fits', description: 'Made a call although no tool could answer the request.' },
  { id: 'relevance_error', label: 'No call when one was needed', description: 'Made no call although a tool fits the request.' },
  { id: 'same_name_distractor', label: 'Called a same-name distractor', description: 'Chose the duplicate tool that shares the golden name (its arguments give it away).' },
  { id: 'cost_lure', label: 'Took the cost lure', description: 'Called the distractor whose description claims a lower cost.' },
  { id: 'latency_lure', label: 'Took the latency lure', description: 'Called the distractor whose description claims a faster response.' },
  { id: 'redundant_tool', label: 'Picked a related tool', description: 'Called an added tool that is related to, but not, the right one.' },
  { id: 'hallucinated_name', label: 'Hallucinated a tool name', description: 'Called a name that is not in the tool list (often after a typo).' },
  { id: 'no_retry_after_fault', label: 'Gave up after a fault', description: 'Did not re-issue the call after a timeout, 429, 401, 5xx or bad response.' },
  { id: 'retry_changed_args', label: 'Retried with different arguments', description: 'Re-issued the call after a fault, but changed its arguments.' },
  { id: 'no_call', label: 'No call at all', description: 'Answered without calling any tool.' },
  { id: 'answered_in_text', label: 'Answered in text', description: 'Wrote the answer or the call as prose instead of a tool call.' },
].map((c, i) => ({ ...c, ...(i < 9 ? { key: String(i + 1) } : {}) }));

/**
 * The built-in categories followed by the workspace's own; a workspace category with a
 * built-in id replaces it (label, description, key), so teams can rename without forking.
 * A key claimed by a workspace category is taken away from the built-in that had it.
 */
export function mergeTaxonomy(custom: readonly TagCategory[]): TagCategory[] {
  const byId = new Map(BUILTIN_CATEGORIES.map((c) => [c.id, c]));
  for (const c of custom) byId.set(c.id, c);
  const customKeys = new Set(custom.map((c) => c.key).filter(Boolean));
  const customIds = new Set(custom.map((c) => c.id));
  return [...byId.values()].map((c) => {
    if (!c.key || customIds.has(c.id) || !customKeys.has(c.key)) return c;
    const { key: _lost, ...rest } = c;
    return rest;
  });
}
