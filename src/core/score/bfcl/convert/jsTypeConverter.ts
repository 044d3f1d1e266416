import { JS_TYPE_CONVERSION } from '../checker/typeMappings.js';
import { pyFloatOf, pyIntOf, pySlice, pyStrip } from '../../python/text.js';
import { PyDict, PyError, type PyValue } from '../../python/values.js';

/**
 * BFCL's `js_type_converter`: JavaScript arguments arrive as source text and are turned into
 * Python values by a handful of regular expressions, with all their quirks (an array of
 * objects is split at every comma). The patterns are BFCL's; `.` is written `[^\n]` and `$`
 * as `\n?$` so they match what Python's `re` matches.
 */
export function jsTypeConverter(value: string, expectedType: string, nestedType?: string): PyValue {
  if (!Object.hasOwn(JS_TYPE_CONVERSION, expectedType)) throw new PyError('ValueError', `Unsupported type: ${expectedType}`);
  switch (expectedType) {
    case 'String':
      if (!(value.startsWith('"') && value.endsWith('"')) && !(value.startsWith("'") && value.endsWith("'"))) return value;
      return pySlice(value, 1, -1);
    case 'integer':
      return /^-?\d+\n?$/.test(value) ? toInt(value) : value;
    case 'float':
      return /^-?\d+(\.\d+)?\n?$/.test(value) ? pyFloatOf(value)! : value;
    case 'Bigint':
      return /^-?\d+n\n?$/.test(value) ? toInt(pySlice(value, 0, -1)) : value;
    case 'Boolean':
      return value === 'true' || value === 'false' ? value === 'true' : value;
    case 'dict':
      return parseJsCollection(value, 'dict', nestedType);
    case 'array':
      return parseJsCollection(value, 'array', nestedType);
    default:
      return value;
  }
}

function toInt(text: string): bigint {
  const n = pyIntOf(text);
  if (n === undefined) throw new PyError('ValueError', `invalid literal for int() with base 10: '${text}'`);
  return n;
}

const ARRAY_2D = /^(?:\[\s*\[[^\n]*?\]\s*(,\s*\[[^\n]*?\]\s*)*\]|\bnew\s+Array\(\s*\[[^\n]*?\]\s*(,\s*\[[^\n]*?\]\s*)*\))/;
const ARRAY_1D = /^(?:\[([^\n]*?)\]|\bnew\s+Array\(([^\n]*?)\))/;
const INNER_ARRAY = /\[([^\n]*?)\]/g;
const DICT = /^\{([^\n]*?)\}/;
const DICT_PAIR = /([^:]+):\s*([^\n]*?)(?:,\s*(?=[^,]+:)|$)/g;

function parseJsCollection(text: string, kind: 'array' | 'dict', nestedType?: string): PyValue {
  const code = pyStrip(text);
  if (kind === 'array') {
    try {
      return parseJsArray(code, nestedType);
    } catch (err) {
      // BFCL wraps the array parsing in a bare `except:` and keeps the text.
      if (err instanceof PyError) return code;
      throw err;
    }
  }
  if (code === '{}') return new PyDict();
  const m = DICT.exec(code);
  if (!m) return code;
  const out = new PyDict();
  for (const [, rawKey, rawValue] of m[1]!.matchAll(DICT_PAIR)) {
    const key = pyStrip(pyStrip(rawKey!), '\'"');
    const v = pyStrip(rawValue!);
    if (v.startsWith('[') && v.endsWith(']')) out.set(key, parseJsCollection(v, 'array'));
    else if (v.startsWith('{') && v.endsWith('}')) out.set(key, parseJsCollection(v, 'dict'));
    else out.set(key, parseJsValue(pyStrip(v, '\'"')));
  }
  return out;
}

function parseJsArray(code: string, nestedType?: string): PyValue {
  const m2 = ARRAY_2D.exec(code);
  if (m2) {
    return Array.from(m2[0].matchAll(INNER_ARRAY), (inner, idx) => {
      let s = pyStrip(inner[1]!);
      if (idx === 0 && s.startsWith('[')) s = pySlice(s, 1);
      return s.split(',').map((e) => parseJsValue(pyStrip(e)));
    });
  }
  const m = ARRAY_1D.exec(code);
  if (!m) return code;
  const body = m[1] ?? m[2];
  const elements = body !== undefined && pyStrip(body) ? pyStrip(body).split(',') : [];
  return elements.map((raw) => {
    const e = pyStrip(raw);
    if (!nestedType) return parseJsValue(e);
    return e.startsWith("'") || e.startsWith('"') ? jsTypeConverter(e, nestedType, 'String') : jsTypeConverter(e, nestedType);
  });
}

function parseJsValue(text: string): PyValue {
  const v = pyStrip(text);
  if (v === 'true') return true;
  if (v === 'false') return false;
  if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) return pySlice(v, 1, -1);
  return pyIntOf(v) ?? pyFloatOf(v) ?? v;
}
