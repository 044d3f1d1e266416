import { pyJsonLoads } from '../../python/json.js';
import { fromJs, PyError, typeName } from '../../python/values.js';
import type { DecodedCall } from './calls.js';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What Python's `for item in result` walks over. */
function pyItems(result: unknown): unknown[] {
  if (Array.isArray(result)) return result;
  if (typeof result === 'string') return Array.from(result);
  if (isPlainObject(result)) return Object.keys(result);
  throw new PyError('TypeError', `'${typeName(fromJs(result))}' object is not iterable`);
}

/**
 * The `decode_ast` of BFCL's function-calling handlers: `result` is a list of
 * `{name: "<JSON arguments>"}` and each argument string goes through `json.loads`. The
 * Python errors BFCL meets on other shapes are raised with Python's messages (a text reply
 * is iterated character by character and fails on `.keys()`).
 * Arguments that are already an object are taken as decoded: BFCL's handlers for APIs that
 * return parsed arguments do the same.
 */
export function decodeFunctionCalls(result: unknown): DecodedCall[] {
  const items = pyItems(result);
  return items.map((item) => {
    if (!isPlainObject(item)) throw new PyError('AttributeError', `'${typeName(fromJs(item))}' object has no attribute 'keys'`);
    const name = Object.keys(item)[0];
    if (name === undefined) throw new PyError('IndexError', 'list index out of range');
    const raw = item[name];
    if (typeof raw === 'string') return { name, args: pyJsonLoads(raw) };
    if (isPlainObject(raw)) return { name, args: fromJs(raw) };
    throw new PyError('TypeError', `the JSON object must be str, bytes or bytearray, not ${typeName(fromJs(raw))}`);
  });
}
