import { MAX_JSON_DEPTH } from '../../schema/index.js';
import type { PyNode } from './nodes.js';
import { Parser, type ParseLimits } from './parser.js';
import { lineAt, ParseError } from './tokenize.js';
import { PyError } from './values.js';

export { astClassName, ELLIPSIS, type EvalBudget, type PyNode } from './nodes.js';
export type { ParseLimits } from './parser.js';

/**
 * The longest source parsed, in UTF-16 units. A call list a model writes is a few hundred
 * characters (the longest answer in the reference BFCL runs under ../shared/data is 5 316); 32 Ki,
 * six times that, keeps the worst parse at the limit within a few tens of milliseconds
 * (bench/pythonParser.ts), so a hostile answer cannot stall a run. The arithmetic of one source
 * may build no more items (list entries, characters) than the limit either.
 */
export const MAX_PYTHON_SOURCE = 32 * 1024;

/**
 * How deep brackets, operators and calls may nest: the project's JSON limit, so whatever the
 * decoder builds can be written and read back. CPython itself stops at 200 parentheses.
 */
export const MAX_PYTHON_NESTING = MAX_JSON_DEPTH;

const PARSE_LIMITS: ParseLimits = { maxChars: MAX_PYTHON_SOURCE, maxDepth: MAX_PYTHON_NESTING };

/**
 * Written here rather than taken from @lezer/python, which this replaced: its error recovery
 * was quadratic on bracket-heavy answers and returned corrupt trees for crafted calls.
 * `ast.parse(source, mode="eval").body`: one expression, or a PyError (a SyntaxError as CPython
 * 3.11 words it, with its line). Linear in the source; a source over `limits.maxChars` is refused
 * unread, and nesting past `limits.maxDepth` is an error, never a stack overflow.
 */
export function parseExpression(source: string, limits: ParseLimits = PARSE_LIMITS): PyNode {
  if (source.length > limits.maxChars) {
    throw new PyError('SyntaxError', `the text is ${source.length} characters long, over the ${limits.maxChars} the Python parser reads`);
  }
  if (source.includes('\0')) throw new PyError('SyntaxError', 'source code string cannot contain null bytes');
  // Python reads \r\n and \r as \n.
  const text = source.replace(/\r\n?/g, '\n');
  try {
    return Parser.parse(text, limits, { items: limits.maxChars });
  } catch (err) {
    if (err instanceof ParseError) throw new PyError(err.pyType, `${err.message} (<unknown>, line ${lineAt(text, err.at)})`);
    throw err;
  }
}
