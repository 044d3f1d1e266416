import type { BfclExpectedCall, ToolCall, ToolSpec } from '../../schema/index.js';
import { isIrrelevanceCategory, isRelevanceCategory, isSingleTurnCategory, languageOf } from './category.js';
import { astChecker } from './checker/astChecker.js';
import type { BfclErrorItem, CheckResult } from './checker/result.js';
import type { BfclLanguage } from './checker/simpleChecker.js';
import { isEmptyOutput, isFunctionCallingFormat, type DecodedCall } from './decode/calls.js';
import { decodeFunctionCalls } from './decode/fc.js';
import { decodePythonCalls } from './decode/prompting.js';
import { show } from './explain.js';
import { fromJs, PyError, toJs, typeName, type PyValue } from '../python/values.js';

export interface BfclVerdict {
  valid: boolean;
  /** BFCL's `error` list, message for message. */
  error: BfclErrorItem[];
  /** BFCL's `error_type`; absent when valid. */
  error_type?: string;
  /** One sentence for a person: which call, which parameter, expected vs got. */
  explanation?: string;
  /** The calls as decoded, `[{name: {param: value}}]`, when the output decoded. */
  decoded?: Array<Record<string, unknown>>;
}

/** How the model answered: function-calling (`[{name: "<json>"}]`) or prompting (Python call text). */
export type BfclOutputMode = 'fc' | 'prompting';

export interface BfclEntryInput {
  category: string;
  functions: ToolSpec[];
  /** The `result` field of a BFCL result line. */
  result: unknown;
  /** Not needed for relevance categories. Plain JSON, or values read with `pyJsonLoads`. */
  groundTruth?: Array<BfclExpectedCall | PyValue>;
  /** Default: function-calling when `result` is not a string. */
  mode?: BfclOutputMode;
  /** Default: true for function-calling output, false for prompting. */
  underscoreToDot?: boolean;
  /** Default: from the category name. */
  language?: BfclLanguage;
}

function decodedForReport(calls: DecodedCall[]): Array<Record<string, unknown>> {
  return calls.map((c) => ({ [c.name]: toJs(c.args) }));
}

function decode(result: unknown, mode: BfclOutputMode): DecodedCall[] {
  if (mode === 'fc') return decodeFunctionCalls(result);
  if (typeof result !== 'string') throw new PyError('AttributeError', `'${typeName(fromJs(result))}' object has no attribute 'strip'`);
  return decodePythonCalls(result);
}

function relevanceVerdict(category: string, calls: DecodedCall[] | undefined, decodeError: string | undefined): BfclVerdict {
  const made = calls !== undefined && !isEmptyOutput(calls);
  const decoded = calls && decodedForReport(calls);
  if (isIrrelevanceCategory(category)) {
    if (!made) return { valid: true, error: [], ...(decoded ? { decoded } : {}) };
    return {
      valid: false,
      error: ['Valid syntax. Successfully decode AST when it should not.'],
      error_type: 'irrelevance_error:decoder_success',
      explanation: `expected no function call, but the model made ${calls.length}: ${calls.map((c) => `${c.name}(${show(c.args)})`).join(', ')}`,
      decoded: decodedForReport(calls),
    };
  }
  if (made) return { valid: true, error: [], decoded: decodedForReport(calls) };
  return {
    valid: false,
    error: [`Invalid syntax. Failed to decode AST when it should have. ${decodeError ?? 'None'}`],
    error_type: 'relevance_error:decoder_failed',
    explanation: decodeError === undefined ? 'expected a function call, but the model made none' : `expected a function call, but the output does not decode: ${decodeError}`,
    ...(decoded ? { decoded } : {}),
  };
}

function fromCheck(result: CheckResult, calls: DecodedCall[]): BfclVerdict {
  if (result.valid) return { valid: true, error: [], decoded: decodedForReport(calls) };
  return { valid: false, error: result.error, error_type: result.error_type!, explanation: result.explanation!, decoded: decodedForReport(calls) };
}

interface CheckInput {
  category: string;
  functions: ToolSpec[];
  groundTruth?: Array<BfclExpectedCall | PyValue>;
  underscoreToDot: boolean;
  language?: BfclLanguage;
}

/** The AST check on decoded calls, with BFCL's format check first. */
function checkDecoded(input: CheckInput, calls: DecodedCall[]): BfclVerdict {
  const bad = calls.findIndex((c) => !isFunctionCallingFormat([c]));
  if (bad >= 0) {
    const c = calls[bad]!;
    return {
      valid: false,
      error: ['Did not output in the specified format. Note: the model_result is wrapped in a string to ensure json serializability.'],
      error_type: 'ast_decoder:decoder_wrong_output_format',
      explanation: `call ${bad + 1} ${c.name}: the arguments are ${typeName(c.args)} ${show(c.args)}, not a dict of parameters`,
      decoded: decodedForReport(calls),
    };
  }
  if (!input.groundTruth) throw new Error(`BFCL category ${input.category} needs possible answers`);
  const opts = { language: input.language ?? languageOf(input.category), underscoreToDot: input.underscoreToDot };
  try {
    return fromCheck(astChecker(input.functions, calls, input.groundTruth.map(fromJs), input.category, opts), calls);
  } catch (err) {
    if (!(err instanceof PyError)) throw err;
    // BFCL's own run stops on such an entry; report it instead of guessing a verdict.
    return {
      valid: false,
      error: [`${err.pyType}: ${err.message}`],
      error_type: 'bfcl:checker_raised',
      explanation: `BFCL's checker raises ${err.pyType} on this entry (${err.message}), so it has no BFCL verdict`,
      decoded: decodedForReport(calls),
    };
  }
}

function assertSingleTurn(category: string): void {
  if (!isSingleTurnCategory(category)) throw new Error(`BFCL category ${category} is not a single-turn AST category`);
}

/**
 * Scores one BFCL result line the way BFCL's `eval_runner` does: decode the raw result,
 * then the relevance rule or the AST checker. Throws only for a multi-turn category or a
 * missing answer; everything the model wrote yields a verdict.
 */
export function scoreBfclEntry(input: BfclEntryInput): BfclVerdict {
  assertSingleTurn(input.category);
  const mode = input.mode ?? (typeof input.result === 'string' ? 'prompting' : 'fc');
  const underscoreToDot = input.underscoreToDot ?? mode === 'fc';
  let calls: DecodedCall[];
  if (isRelevanceCategory(input.category)) {
    // BFCL decodes relevance output as Python whatever the category's language.
    try {
      calls = decode(input.result, mode);
    } catch (err) {
      if (!(err instanceof PyError)) throw err;
      return relevanceVerdict(input.category, undefined, err.message);
    }
    return relevanceVerdict(input.category, calls, undefined);
  }
  const language = input.language ?? languageOf(input.category);
  if (mode === 'prompting' && language !== 'python') {
    return {
      valid: false,
      error: [`Prompting output in ${language} syntax is not supported.`],
      error_type: 'unsupported:prompting_syntax',
      explanation: `RobustLens decodes prompting output written as Python calls only, not ${language}`,
    };
  }
  try {
    calls = decode(input.result, mode);
  } catch (err) {
    if (!(err instanceof PyError)) throw err;
    return {
      valid: false,
      error: [`Invalid syntax. Failed to decode AST. ${err.message}`],
      error_type: 'ast_decoder:decoder_failed',
      explanation: `the output could not be decoded as function calls: ${err.message}`,
    };
  }
  return checkDecoded({ ...input, underscoreToDot, language }, calls);
}

export interface CheckCallsInput {
  category: string;
  functions: ToolSpec[];
  /** Calls as our runner records them. */
  calls: ToolCall[];
  groundTruth?: Array<BfclExpectedCall | PyValue>;
  /** Default false: our runner keeps the tools' real names. */
  underscoreToDot?: boolean;
  language?: BfclLanguage;
}

/** The same verdict for calls that are already decoded (records our runner produces). */
export function checkCalls(input: CheckCallsInput): BfclVerdict {
  assertSingleTurn(input.category);
  const calls = input.calls.map((c) => ({ name: c.name, args: fromJs(c.parameters) }));
  if (isRelevanceCategory(input.category)) return relevanceVerdict(input.category, calls, undefined);
  return checkDecoded({ ...input, underscoreToDot: input.underscoreToDot ?? false }, calls);
}
