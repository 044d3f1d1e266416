import { z } from 'zod';
import { jsonEncodedOr, jsonObject } from './json.js';
import { message, toolCall, toolSpec } from './tools.js';

/** The four parts of the tool-use POMDP that RobustBench-TC perturbs. */
export const COMPONENTS = ['observation', 'action', 'reward', 'transition'] as const;
export type Component = (typeof COMPONENTS)[number];

/**
 * `mdp_category` is kept as a free string because the official release also carries values
 * such as `reward_multi_turn_test`; `componentOf` maps it onto the four components.
 */
export const perturbationInfo = z.looseObject({
  type: z.string().min(1),
  mdp_category: z.string().min(1),
  variant: z.string().optional(),
  metadata: jsonObject.optional(),
});
export type PerturbationInfo = z.infer<typeof perturbationInfo>;

export function componentOf(mdpCategory: string): Component | undefined {
  return COMPONENTS.find((c) => mdpCategory === c || mdpCategory.startsWith(`${c}_`));
}

export const evalConfig = z.looseObject({
  method: z.string().min(1),
  category: z.string().optional(),
});
export type EvalConfig = z.infer<typeof evalConfig>;

/**
 * A golden answer. Rows made from BFCL keep BFCL's form, where every parameter maps to a
 * list of allowed values (`""` = may be omitted); other sources use plain values.
 */
export const goldenCall = toolCall;
export type GoldenCall = z.infer<typeof goldenCall>;

/** One RobustBench-TC eval row: a clean sample, or that sample under one perturbation. */
export const evalRow = z.looseObject({
  id: z.string().min(1),
  benchmark: z.string().min(1),
  category: z.string(),
  source: jsonEncodedOr(jsonObject.nullable()).optional(),
  conversation: jsonEncodedOr(z.array(message)),
  tools: z.array(toolSpec),
  golden_answers: z.array(goldenCall),
  eval_config: jsonEncodedOr(evalConfig),
  perturbation: jsonEncodedOr(perturbationInfo.nullable()).optional(),
});
export type EvalRow = z.infer<typeof evalRow>;

/** A model's answer as text and as the calls decoded from it. */
export const modelAnswer = z.looseObject({
  raw_output: z.string().nullable().default(''),
  tool_calls: z.array(toolCall).default([]),
});

export const prediction = modelAnswer.extend({
  /** The request failed (server down, timeout, HTTP error): the model never answered. */
  error: z.string().nullable().default(null),
  /** Calls the model wrote that could not be decoded; its answer, not a request failure. */
  parse_errors: z.array(z.string()).optional(),
  transition_injected: z.boolean().optional(),
  /** For transition cases that injected a fault: the first pass, whose call received it. */
  pass1: modelAnswer.optional(),
});
export type Prediction = z.infer<typeof prediction>;

export const score = z.looseObject({
  correct: z.boolean(),
  error_type: z.string().optional(),
  explanation: z.string().optional(),
});
export type Score = z.infer<typeof score>;

export const timing = z.looseObject({
  latency_ms: z.number().nonnegative().optional(),
  started_at: z.string().optional(),
});

/**
 * Every setting a run sent its cases with (`robustlens run --protocol`), in each record and in
 * the run's manifest: two runs are comparable when these agree.
 */
export const runProtocol = z.looseObject({
  /** The preset the settings started from: `paper`, `native`. */
  name: z.string().min(1),
  tool_mode: z.enum(['native', 'prompt']),
  /** Prompt mode only: `per_benchmark`, `python_list` or `tool_call_tags`. */
  prompt_style: z.string().optional(),
  temperature: z.number(),
  max_tokens: z.number().int().positive(),
  skip_multi_turn: z.boolean(),
  fault_style: z.enum(['terse', 'realistic']),
  seed: z.number().int().optional(),
  /** `auto` unless set. */
  tool_choice: z.enum(['auto', 'required', 'none']).optional(),
});
export type RunProtocol = z.infer<typeof runProtocol>;

/** What one model did on one case, and how it was scored. */
export const predictionRecord = evalRow.extend({
  prediction,
  model: z.string().optional(),
  run: z.string().optional(),
  score: score.optional(),
  timing: timing.optional(),
  protocol: runProtocol.optional(),
});
export type PredictionRecord = z.infer<typeof predictionRecord>;

/** The split a row belongs to: `clean`, or its perturbation type. */
export function splitOf(row: Pick<EvalRow, 'perturbation'>): string {
  return row.perturbation?.type ?? 'clean';
}

