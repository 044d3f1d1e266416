import { JAVA_TYPE_CONVERSION } from '../checker/typeMappings.js';
import { pyFloatOf, pyIntOf, pySlice, pyStrip } from '../../python/text.js';
import { PyDict, PyError, type PyValue } from '../../python/values.js';

/**
 * BFCL's `java_type_converter`: Java arguments arrive as source text (`"new int[]{1, 2}"`,
 * `"3.5f"`) and are turned into Python values with BFCL's regular expressions. `.` is
 * written `[^\n]` (or `[\s\S]` where BFCL passes DOTALL) and `$` as `\n?$`, to match what
 * Python's `re` matches.
 */
export function javaTypeConverter(value: string, expectedType: string, nestedType?: string): PyValue {
  if (!Object.hasOwn(JAVA_TYPE_CONVERSION, expectedType)) throw new PyError('ValueError', `Unsupported type: ${expectedType}`);
  switch (expectedType) {
    case 'byte':
    case 'short':
    case 'integer':
      return /^-?\d+\n?$/.test(value) ? toInt(value) : value;
    case 'float':
      return FLOAT_F.test(value) ? toFloat(value.replace(/[fF](?=\n?$)/, '')) : value;
    case 'double':
      return /^-?\d+(\.\d+)?([eE][+-]?\d+)?\n?$/.test(value) ? toFloat(value) : value;
    case 'long':
      return LONG.test(value) ? toInt(value.replace(/[lL](?=\n?$)/, '')) : value;
    case 'boolean':
      return value === 'true' || value === 'false' ? value === 'true' : value;
    case 'Array':
      return parseArray(value, nestedType);
    case 'ArrayList':
      return parseArrayList(value, nestedType);
    case 'HashMap':
      return parseHashMap(value);
    case 'Set':
    case 'Hashtable':
      throw new PyError('NotImplementedError', 'Set conversion is not implemented');
    case 'Queue':
    case 'Stack':
      throw new PyError('NotImplementedError', `${expectedType} conversion is not implemented`);
    default:
      // `char` too: BFCL's pattern for it (`^\'.$\'`) can never match, so a char stays text.
      return value;
  }
}

const FLOAT_F = /^-?\d+(\.\d+)?([eE][+-]?\d+)?[fF]\n?$/;
const LONG = /^-?\d+[lL]\n?$/;

function toInt(text: string): bigint {
  const n = pyIntOf(text);
  if (n === undefined) throw new PyError('ValueError', `invalid literal for int() with base 10: '${text}'`);
  return n;
}

function toFloat(text: string): number {
  const n = pyFloatOf(text);
  if (n === undefined) throw new PyError('ValueError', `could not convert string to float: '${text}'`);
  return n;
}

function convertElement(text: string, nestedType?: string): PyValue {
  if (nestedType === 'char' || nestedType === 'String') return pySlice(text, 1, -1);
  return nestedType ? javaTypeConverter(text, nestedType) : parseJavaValue(text);
}

function parseArrayList(input: string, nestedType?: string): PyValue {
  const asList = /new\s+ArrayList<\w*>\(Arrays\.asList\(([^\n]+?)\)\)/.exec(input);
  if (asList) return asList[1]!.split(',').map((e) => convertElement(pyStrip(e), nestedType));
  const adds = /new\s+ArrayList<\w*>\(\)\s*\{\{\s*([\s\S]+?)\s*\}\}/.exec(input);
  if (adds) return Array.from(adds[1]!.matchAll(/add\(([^\n]+?)\)/g), (m) => convertElement(pyStrip(m[1]!), nestedType));
  if (/new\s+ArrayList<\w*>\(\)/.test(input)) return [];
  return input;
}

function parseArray(input: string, nestedType?: string): PyValue {
  const m = /new\s+\w+\[\]\s*\{([^\n]*?)\}/.exec(input);
  if (!m) return input;
  const parts = m[1]!.split(',').map((x) => pyStrip(x)).filter((x) => x !== '');
  return parts.map((x) => (nestedType ? javaTypeConverter(x, nestedType) : parseJavaValue(x)));
}

function parseHashMap(input: string): PyValue {
  const m = /new\s+HashMap<[\s\S]*?>\s*\(\)\s*\{\s*\{?\s*([\s\S]*?)\s*\}?\s*\}/.exec(input);
  if (m) {
    const out = new PyDict();
    if (pyStrip(m[1]!)) {
      for (const put of m[1]!.matchAll(/put\("([^\n]*?)",\s*([^\n]*?)\)/g)) out.set(put[1]!, parseJavaValue(pyStrip(put[2]!)));
    }
    return out;
  }
  return /new\s+HashMap<[^\n]*?>\s*\(\)/.test(input) ? new PyDict() : input;
}

function parseJavaValue(text: string): PyValue {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text.startsWith('"') && text.endsWith('"')) return pySlice(text, 1, -1);
  if (LONG.test(text)) return toInt(pySlice(text, 0, -1));
  if (FLOAT_F.test(text)) return toFloat(text.replace(/[fF](?=\n?$)/, ''));
  return pyIntOf(text) ?? pyFloatOf(text) ?? text;
}
