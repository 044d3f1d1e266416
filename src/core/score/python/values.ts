/**
 * Python values as BFCL's checker sees them. The checker's rules hinge on Python's types
 * (`type(5) == int` but `type(5.0) == float`, `True != 1` as a type but `True == 1` as a
 * value, a tuple is not a list), so values keep their Python type: ints are `bigint`,
 * floats are `number`, tuples and dicts have their own classes.
 */
export type PyValue = null | boolean | bigint | number | string | PyValue[] | PyTuple | PyDict | PyOther;

export class PyTuple {
  constructor(readonly items: PyValue[]) {}
}

/** Values BFCL never compares structurally (bytes, complex): only their repr matters. */
export class PyOther {
  constructor(
    readonly typeName: string,
    readonly repr: string,
  ) {}
}

/** A Python exception: `message` is what `str(e)` gives, which BFCL copies into its errors. */
export class PyError extends Error {
  constructor(
    readonly pyType: string,
    message: string,
  ) {
    super(message);
  }
}

/** An insertion-ordered dict whose keys compare with Python's `==` (so `1`, `1.0` and `True` are one key). */
export class PyDict {
  readonly entries: Array<[PyValue, PyValue]> = [];
  /** Entry index by `hashKey`, so building and reading a dict stay linear. */
  private readonly index = new Map<string, number>();

  static of(entries: Iterable<[PyValue, PyValue]>): PyDict {
    const d = new PyDict();
    for (const [k, v] of entries) d.set(k, v);
    return d;
  }

  get size(): number {
    return this.entries.length;
  }

  private indexOf(key: PyValue): number {
    assertHashable(key);
    const hash = hashKey(key);
    return hash === undefined ? -1 : (this.index.get(hash) ?? -1);
  }

  has(key: PyValue): boolean {
    return this.indexOf(key) >= 0;
  }

  get(key: PyValue): PyValue | undefined {
    const i = this.indexOf(key);
    return i < 0 ? undefined : this.entries[i]![1];
  }

  /** Like Python: a repeated key keeps its first position and takes the new value. */
  set(key: PyValue, value: PyValue): void {
    const i = this.indexOf(key);
    if (i >= 0) {
      this.entries[i]![1] = value;
      return;
    }
    const hash = hashKey(key);
    if (hash !== undefined) this.index.set(hash, this.entries.length);
    this.entries.push([key, value]);
  }

  keys(): PyValue[] {
    return this.entries.map(([k]) => k);
  }
}

/**
 * Text that is equal for two hashable values exactly when `pyEq` holds: numbers by value (a whole
 * float as its int), a tuple by its items. Undefined for NaN (and tuples holding it), equal to nothing.
 */
function hashKey(v: PyValue): string | undefined {
  if (v === null) return 'N';
  if (typeof v === 'string') return `s${v}`;
  if (typeof v === 'boolean') return v ? 'i1' : 'i0';
  if (typeof v === 'bigint') return `i${v.toString(16)}`;
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return undefined;
    return Number.isInteger(v) ? `i${BigInt(v).toString(16)}` : `f${v}`;
  }
  if (v instanceof PyTuple) {
    const items = v.items.map(hashKey);
    return items.includes(undefined) ? undefined : `t${JSON.stringify(items)}`;
  }
  return v instanceof PyOther ? `o${v.typeName}:${v.repr}` : undefined;
}

export function typeName(v: PyValue): string {
  if (v === null) return 'NoneType';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'str';
  }
  if (Array.isArray(v)) return 'list';
  if (v instanceof PyTuple) return 'tuple';
  if (v instanceof PyDict) return 'dict';
  return v.typeName;
}

function assertHashable(v: PyValue): void {
  if (Array.isArray(v) || v instanceof PyDict) throw new PyError('TypeError', `unhashable type: '${typeName(v)}'`);
  if (v instanceof PyTuple) v.items.forEach(assertHashable);
}

function isNumeric(v: PyValue): v is boolean | bigint | number {
  return typeof v === 'boolean' || typeof v === 'bigint' || typeof v === 'number';
}

function numEq(a: boolean | bigint | number, b: boolean | bigint | number): boolean {
  const x = typeof a === 'boolean' ? BigInt(a) : a;
  const y = typeof b === 'boolean' ? BigInt(b) : b;
  if (typeof x === typeof y) return x === y;
  // Python compares an int with a float exactly, not after rounding the int to a double.
  const [i, f] = typeof x === 'bigint' ? [x, y as number] : [y as bigint, x as number];
  return Number.isInteger(f) && BigInt(f) === i;
}

function seqEq(a: PyValue[], b: PyValue[]): boolean {
  return a.length === b.length && a.every((x, i) => pyEq(x, b[i]!));
}

/** Python's `a == b`. */
export function pyEq(a: PyValue, b: PyValue): boolean {
  if (isNumeric(a) && isNumeric(b)) return numEq(a, b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a)) return Array.isArray(b) && seqEq(a, b);
  if (a instanceof PyTuple) return b instanceof PyTuple && seqEq(a.items, b.items);
  if (a instanceof PyDict) {
    if (!(b instanceof PyDict) || a.size !== b.size) return false;
    return a.entries.every(([k, v]) => {
      const other = b.get(k);
      return other !== undefined && pyEq(v, other);
    });
  }
  return b instanceof PyOther && a.typeName === b.typeName && a.repr === b.repr;
}

/** Python's `item in container`, with the TypeErrors Python raises for odd containers. */
export function pyContains(container: PyValue, item: PyValue): boolean {
  if (Array.isArray(container)) return container.some((x) => pyEq(x, item));
  if (container instanceof PyTuple) return container.items.some((x) => pyEq(x, item));
  if (container instanceof PyDict) return container.has(item);
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw new PyError('TypeError', `'in <string>' requires string as left operand, not ${typeName(item)}`);
    return container.includes(item);
  }
  throw new PyError('TypeError', `argument of type '${typeName(container)}' is not iterable`);
}

/** Python's `list(x)` for the iterables BFCL walks: strings iterate by code point, dicts by key. */
export function pyIter(v: PyValue): PyValue[] {
  if (Array.isArray(v)) return v;
  if (v instanceof PyTuple) return v.items;
  if (v instanceof PyDict) return v.keys();
  if (typeof v === 'string') return Array.from(v);
  throw new PyError('TypeError', `'${typeName(v)}' object is not iterable`);
}

export function pyLen(v: PyValue): number {
  if (v === null || (typeof v !== 'object' && typeof v !== 'string')) {
    throw new PyError('TypeError', `object of type '${typeName(v)}' has no len()`);
  }
  if (v instanceof PyOther) throw new PyError('TypeError', `object of type '${v.typeName}' has no len()`);
  return pyIter(v).length;
}

/**
 * A value that came through JavaScript (JSON.parse, a tool call our runner recorded). JSON
 * numbers lose whether they were written `5` or `5.0`; a whole number is taken as an int,
 * which is what `json.loads` gives for the common spelling `5`.
 */
export function fromJs(value: unknown): PyValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean' || typeof value === 'string' || typeof value === 'bigint') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(fromJs);
  if (value instanceof PyTuple || value instanceof PyDict || value instanceof PyOther) return value;
  if (typeof value === 'object') return PyDict.of(Object.entries(value).map(([k, v]) => [k, fromJs(v)]));
  return String(value);
}

function keyText(k: PyValue): string {
  return typeof k === 'string' ? k : k === null ? 'None' : typeof k === 'boolean' ? (k ? 'True' : 'False') : String(toJs(k));
}

/** A JSON-friendly copy (ints as numbers, tuples as arrays, other keys as text), for reports. */
export function toJs(v: PyValue): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(toJs);
  if (v instanceof PyTuple) return v.items.map(toJs);
  if (v instanceof PyDict) return Object.fromEntries(v.entries.map(([k, x]) => [keyText(k), toJs(x)]));
  if (v instanceof PyOther) return v.repr;
  return v;
}
