import { excerpt } from '../formats/index.js';
import type { BfclExpectedCall, EvalRow, Prediction, Score } from '../schema/index.js';
import { isSingleTurnCategory } from './bfcl/category.js';
import { checkCalls } from './bfcl/entry.js';
import { matchCalls } from './plainMatch.js';

/** The eval methods a row's `eval_config.method` may name. */
export const EVAL_METHODS = ['bfcl_ast', 'exact_match', 'soft_match'] as const;

/** A row the scorer cannot judge: its method or category is unknown, or its golden answer has the wrong shape. Not the model's fault. */
export class UnscorableError extends Error {
  override readonly name = 'UnscorableError';
}

/** `BFCL_v4_live_multiple` → `live_multiple`, for rows whose eval_config names no category. */
function bfclCategoryOf(row: EvalRow): string {
  return row.eval_config.category ?? row.category.replace(/^BFCL_v\d+_/, '');
}

/**
 * The golden answers as BFCL's possible answers, where every parameter maps to a list of allowed
 * values. A golden answer of another shape cannot be judged: scoring it would blame the model.
 */
function bfclGroundTruth(row: EvalRow): BfclExpectedCall[] {
  return row.golden_answers.map((g) => {
    const bad = Object.entries(g.parameters).find(([, allowed]) => !Array.isArray(allowed));
    if (bad) throw new UnscorableError(`golden answer ${g.name}: parameter "${bad[0]}" is ${excerpt(JSON.stringify(bad[1]), 40)}, not a list of allowed values (BFCL form)`);
    // A computed key defines an own property, even for a tool named `__proto__`.
    return { [g.name]: g.parameters as BfclExpectedCall[string] };
  });
}

/**
 * Scores one prediction by the rule its row names. A failed request is a failure of its own
 * kind, so an abstention never hides a server error.
 */
export function scoreRecord(row: EvalRow, prediction: Prediction): Score {
  if (prediction.error) return { correct: false, error_type: 'run:request_failed', explanation: `the request failed: ${prediction.error}` };
  const method = row.eval_config.method;
  if (method === 'bfcl_ast') {
    const category = bfclCategoryOf(row);
    if (!isSingleTurnCategory(category)) throw new UnscorableError(`BFCL category "${category}" is not a single-turn category`);
    const verdict = checkCalls({ category, functions: row.tools, calls: prediction.tool_calls, groundTruth: bfclGroundTruth(row) });
    return verdict.valid ? { correct: true } : { correct: false, error_type: verdict.error_type ?? 'unknown', explanation: verdict.explanation ?? '' };
  }
  if (method === 'exact_match' || method === 'soft_match') {
    const v = matchCalls(row.golden_answers, prediction.tool_calls, method === 'exact_match' ? 'exact' : 'soft');
    return v.correct ? { correct: true } : { correct: false, error_type: v.error_type ?? 'unknown', explanation: v.explanation ?? '' };
  }
  throw new UnscorableError(`unknown eval method "${method}" (known: ${EVAL_METHODS.join(', ')})`);
}
