/**
 * A port of the Berkeley Function Calling Leaderboard's AST checker (single-turn
 * categories), faithful to BFCL's verdicts, `error_type` strings and error messages.
 */
export { scoreBfclEntry, checkCalls, type BfclVerdict, type BfclEntryInput, type CheckCallsInput, type BfclOutputMode } from './entry.js';
export type { BfclErrorItem } from './checker/result.js';
export type { BfclLanguage } from './checker/simpleChecker.js';
export { BFCL_SINGLE_TURN_CATEGORIES, isSingleTurnCategory, isRelevanceCategory, languageOf } from './category.js';
export { standardizeString } from './checker/valueCheckers.js';
export { pyJsonLoads } from './python/json.js';
export {
  scoreBfclCategory,
  compareWithBfclScore,
  type BfclCategoryOptions,
  type BfclCategoryResult,
  type BfclCategoryScore,
  type BfclScoredEntry,
  type BfclScoreComparison,
} from './run.js';
