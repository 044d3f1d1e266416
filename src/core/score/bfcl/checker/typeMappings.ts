import { strRepr } from '../../python/repr.js';
import { PyError } from '../../python/values.js';

/** The Python type (by `__name__`) each schema type must decode to; BFCL's own tables. */
export const PYTHON_TYPE_MAPPING: Record<string, string> = {
  string: 'str',
  integer: 'int',
  float: 'float',
  boolean: 'bool',
  array: 'list',
  tuple: 'list',
  dict: 'dict',
  any: 'str',
};

/** Schema types whose items BFCL type-checks too (one level deep). */
export const PYTHON_NESTED_TYPE_CHECK_LIST = ['array', 'tuple'];

export const JAVA_TYPE_CONVERSION: Record<string, string> = {
  byte: 'int',
  short: 'int',
  integer: 'int',
  float: 'float',
  double: 'float',
  long: 'int',
  boolean: 'bool',
  char: 'str',
  Array: 'list',
  ArrayList: 'list',
  Set: 'set',
  HashMap: 'dict',
  Hashtable: 'dict',
  Queue: 'list',
  Stack: 'list',
  String: 'str',
  any: 'str',
};

export const JS_TYPE_CONVERSION: Record<string, string> = {
  String: 'str',
  integer: 'int',
  float: 'float',
  Bigint: 'int',
  Boolean: 'bool',
  dict: 'dict',
  array: 'list',
  any: 'str',
};

/** Java/JavaScript collection types whose items the converters parse. */
export const NESTED_CONVERSION_TYPE_LIST = ['Array', 'ArrayList', 'array'];

/** `table[key]`, raising Python's KeyError where BFCL would. */
export function lookup(table: Record<string, string>, key: unknown): string {
  const hit = typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
  if (hit === undefined) throw new PyError('KeyError', typeof key === 'string' ? strRepr(key) : String(key));
  return hit;
}
