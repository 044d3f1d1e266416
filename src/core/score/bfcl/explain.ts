import { floatRepr } from '../python/repr.js';
import { PyDict, PyOther, PyTuple, type PyValue } from '../python/values.js';

/**
 * A value as a person reads it in an explanation: JSON-like (double-quoted strings, so
 * `""` is visibly the "may be omitted" marker), but floats keep their `.0` and tuples their
 * parentheses, because those distinctions decide BFCL's verdicts.
 */
export function show(v: PyValue): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
    case 'bigint':
      return String(v);
    case 'number':
      return floatRepr(v);
    case 'string':
      return JSON.stringify(v);
  }
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  if (v instanceof PyTuple) return `(${v.items.map(show).join(', ')})`;
  if (v instanceof PyDict) return `{${v.entries.map(([k, x]) => `${show(k)}: ${show(x)}`).join(', ')}}`;
  return (v as PyOther).repr;
}

/** A parameter or key name in an explanation. */
export function quoteName(name: PyValue): string {
  return typeof name === 'string' ? JSON.stringify(name) : show(name);
}
