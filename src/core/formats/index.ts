/**
 * Reading and writing the files RobustLens meets: RobustBench-TC rows and predictions, BFCL question,
 * answer, result and score files, all as validated streams whose problems name a file and line.
 * This file is the module's public surface: code outside the module imports only from here.
 */
export { bfclFileName, type BfclRunFile, type BfclScoreFile, findBfclRunFiles, isBfclRunDir, parseBfclFileName, readBfclPossibleAnswers, readBfclQuestions, readBfclResults, readBfclScoreFile } from './bfcl.js';
export { excerpt, type Line, readJsonLines, readValidatedLines } from './jsonl.js';
export { type LineLocation, readRecordAt, scanLines } from './lineScanner.js';
export { collectProblems, type FoldedProblem, foldedMessage, foldProblems, formatProblem, type Problem, type ProblemSink } from './problems.js';
export { bfclRowId, bfclToEvalRow, JsonlAppender, readEvalRows, readPredictionRecords, toJsonLine } from './robustbench.js';
export { isToolRlSftFile, readToolRlSft, TOOLRL_DIALOGUE_HEADER, TOOLRL_STEPS_HEADER, TOOLRL_TOOLS_HEADER, toolRlExtraOf, type ToolRlExtra, type ToolRlSample, toolRlToEvalRow } from './toolrl.js';
