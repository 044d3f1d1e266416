/**
 * The data model and its runtime validation: eval rows, predictions, tools, BFCL records, JSON values.
 * This file is the module's public surface: code outside the module imports only from here.
 */
export { type BfclExpectedCall, bfclPossibleAnswer, type BfclPossibleAnswer, bfclQuestion, type BfclQuestion, bfclResult, type BfclResult, bfclScoreEntry, type BfclScoreEntry, bfclScoreHeader, type BfclScoreHeader } from './bfcl.js';
export { JsonTooDeepError, MAX_JSON_DEPTH, nestedDeeperThan, parseJson } from './safeJson.js';
export { type Component, componentOf, COMPONENTS, type EvalConfig, evalRow, type EvalRow, type Prediction, predictionRecord, type PredictionRecord, type RunProtocol, type Score, splitOf } from './case.js';
export { describeIssues, isPlainObject, jsonObject, type JsonObject, jsonValue, type JsonValue, notJsonReason, setOwn } from './json.js';
export { type Message, parameterSchema, type ParameterSchema, type ToolCall, toolSpec, type ToolSpec } from './tools.js';
