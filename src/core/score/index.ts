/**
 * Scoring: BFCL's AST checker and ToolRL's reward (both ported exactly), plain and soft matching,
 * and whole files and runs.
 * This file is the module's public surface: code outside the module imports only from here.
 */
export { standardizeString } from './bfcl/checker/valueCheckers.js';
export { decodePythonCalls } from './bfcl/decode/prompting.js';
export { scoreBfclEntry } from './bfcl/entry.js';
export { PyError, toJs } from './python/values.js';
export { type BfclRunCategory, scoreBfclRun } from './bfclRun.js';
export { normaliseValue } from './plainMatch.js';
export { scorePredictionFile } from './predictionFile.js';
export { scoreRecord, UnscorableError } from './records.js';
export type { AccuracyRow } from './accuracy.js';
export { floatRepr } from './python/repr.js';
export { TOOLRL_SWITCHES, toolRlOptionsFromEnv, type ToolRlRewardOptions, type ToolRlSwitch } from './toolrl/options.js';
export { type ToolRlReward, toolrlReward, ToolRlGroundTruthError } from './toolrl/reward.js';
