import { z } from 'zod';
import { jsonValue, ownRecord } from './json.js';
import { message, toolSpec } from './tools.js';

/** A line of a BFCL question file: `question` holds one message list per turn. */
export const bfclQuestion = z.looseObject({
  id: z.string().min(1),
  question: z.array(z.array(message)),
  function: z.array(toolSpec).default([]),
});
export type BfclQuestion = z.infer<typeof bfclQuestion>;

/** `{function name: {parameter: [allowed values…]}}`; `""` among the values = may be omitted. */
export const bfclExpectedCall = ownRecord(ownRecord(z.array(jsonValue)));
export type BfclExpectedCall = z.infer<typeof bfclExpectedCall>;

export const bfclPossibleAnswer = z.looseObject({
  id: z.string().min(1),
  ground_truth: z.array(bfclExpectedCall),
});
export type BfclPossibleAnswer = z.infer<typeof bfclPossibleAnswer>;

/** A figure per request: one number for a single-turn test, nested lists per turn and step for a multi-turn one. */
type PerRequest = number | PerRequest[];
const perRequest: z.ZodType<PerRequest> = z.lazy(() => z.union([z.number(), z.array(perRequest)]));

/**
 * A line of a BFCL result file. `result` is a list of `{name: "<json args>"}` for
 * function-calling models, raw text for prompting models, or an error string; multi-turn
 * tests nest it per turn and step.
 */
export const bfclResult = z.looseObject({
  id: z.string().min(1),
  result: jsonValue,
  input_token_count: perRequest.optional(),
  output_token_count: perRequest.optional(),
  latency: perRequest.optional(),
});
export type BfclResult = z.infer<typeof bfclResult>;

export const bfclScoreHeader = z.looseObject({
  accuracy: z.number(),
  correct_count: z.number().int().nonnegative(),
  total_count: z.number().int().nonnegative(),
});
export type BfclScoreHeader = z.infer<typeof bfclScoreHeader>;

/** A failure line of a BFCL score file (score files list failures only). */
export const bfclScoreEntry = z.looseObject({
  id: z.string().min(1),
  model_name: z.string().optional(),
  test_category: z.string().optional(),
  valid: z.boolean(),
  error: jsonValue.optional(),
  error_type: z.string().optional(),
  prompt: jsonValue.optional(),
  model_result_raw: jsonValue.optional(),
  model_result_decoded: jsonValue.optional(),
  possible_answer: jsonValue.optional(),
});
export type BfclScoreEntry = z.infer<typeof bfclScoreEntry>;
