import type { JsonValue } from '../schema/index.js';
import { floatRepr } from '../score/index.js';

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Python's `json.dumps` string: ASCII only, everything else as `\uXXXX` code units (astral characters as surrogate pairs). */
function pyString(text: string): string {
  let out = '"';
  for (const unit of text.split('')) {
    const code = unit.charCodeAt(0);
    if (SHORT_ESCAPES[unit] !== undefined) out += SHORT_ESCAPES[unit];
    else if (code >= 0x20 && code <= 0x7e) out += unit;
    else out += `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

/**
 * Python's `json.dumps(value)` with its defaults (`", "` and `": "` separators, `ensure_ascii`),
 * the form ToolRL's files hold, so rows written from our values read like ToolRL's own. A whole
 * number is written as an int: JSON values in JavaScript no longer say whether it was `5.0`.
 */
export function pyJsonDumps(value: JsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : floatRepr(value);
  if (typeof value === 'string') return pyString(value);
  if (Array.isArray(value)) return `[${value.map(pyJsonDumps).join(', ')}]`;
  return `{${Object.entries(value).map(([k, v]) => `${pyString(k)}: ${pyJsonDumps(v)}`).join(', ')}}`;
}
