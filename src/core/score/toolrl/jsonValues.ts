import { PyDict, PyError, pyEq, PyOther, type PyValue, typeName } from '../python/values.js';

/**
 * Python's `a == b` for values `json.loads` made. Every NaN it returns is one object (the
 * decoder's constants table), and lists and dicts compare items by identity first, so NaN
 * equals NaN inside a container but not as itself.
 */
export function jsonEq(a: PyValue, b: PyValue, inContainer = false): boolean {
  if (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b)) return inContainer;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEq(x, b[i]!, true));
  if (a instanceof PyDict) {
    if (!(b instanceof PyDict) || a.size !== b.size) return false;
    return a.entries.every(([key, value]) => {
      const other = b.get(key);
      return other !== undefined && jsonEq(value, other, true);
    });
  }
  return pyEq(a, b);
}

/** That one NaN object as a dict key: it hashes by identity, so all NaNs are one key in a `Counter`. */
const NAN_KEY = new PyOther('float', 'nan');

/** `Counter(items)`; a list or dict among them raises TypeError (unhashable), as in Python. */
function counter(items: readonly PyValue[]): PyDict {
  const counts = new PyDict();
  for (const item of items) {
    const key = typeof item === 'number' && Number.isNaN(item) ? NAN_KEY : item;
    counts.set(key, ((counts.get(key) as bigint | undefined) ?? 0n) + 1n);
  }
  return counts;
}

/** `sum(min(c1[k], c2[k]) for k in c1.keys() & c2.keys())` with `c1, c2 = Counter(a), Counter(b)`. */
export function counterOverlap(a: readonly PyValue[], b: readonly PyValue[]): number {
  const [countA, countB] = [counter(a), counter(b)];
  let overlap = 0;
  for (const [key, n] of countA.entries) {
    const m = countB.get(key) as bigint | undefined;
    if (m !== undefined) overlap += Number((n as bigint) < m ? n : m);
  }
  return overlap;
}

/** `value[key]` for a string key, raising as Python does (KeyError, or TypeError for a non-dict). */
export function item(value: PyValue, key: string): PyValue {
  if (!(value instanceof PyDict)) throw new PyError('TypeError', `'${typeName(value)}' object is not subscriptable by a string`);
  const found = value.get(key);
  if (found === undefined) throw new PyError('KeyError', `'${key}'`);
  return found;
}

/** `value.keys()`, raising AttributeError for a non-dict. */
export function dictOf(value: PyValue): PyDict {
  if (!(value instanceof PyDict)) throw new PyError('AttributeError', `'${typeName(value)}' object has no attribute 'keys'`);
  return value;
}
