import type { EvalConfig, EvalRow, ToolSpec } from '../schema/index.js';

/** BFCL's checker looks a called name up as the first tool of that name, so on these rows a distractor must not come first. */
export function isBfclAst(row: EvalRow): boolean {
  return row.eval_config.method === 'bfcl_ast';
}

/**
 * BFCL scores a "simple" category (no `parallel`, no `multiple` in its name) against the first
 * tool of the list, whatever the call names. A perturbation that adds tools to such a row
 * moves it to BFCL's `multiple` rule, which finds the golden tool by name, by appending
 * `_multiple` to the category (`simple_javascript_multiple` keeps its language and origin).
 * Undefined when the row needs no change.
 */
export function rescoredForAddedTools(row: EvalRow, tools: readonly ToolSpec[] | undefined): EvalConfig | undefined {
  const category = row.eval_config.category;
  if (!isBfclAst(row) || !tools || tools.length <= row.tools.length || category === undefined) return undefined;
  if (category.includes('parallel') || category.includes('multiple') || category.includes('relevance')) return undefined;
  return { ...row.eval_config, category: `${category}_multiple` };
}
