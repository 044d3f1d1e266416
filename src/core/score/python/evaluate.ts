import { astClassName, ELLIPSIS, type EvalBudget, type PyNode } from './ast.js';
import { PyDict, PyError, PyOther, PyTuple, typeName, type PyValue } from './values.js';

/**
 * BFCL resolves an arithmetic argument (`x=2*3`, `s='a'+'b'`) with `eval(ast.unparse(node))`.
 * This evaluates the same expressions: literals combined by operators. A name has no value
 * there, so it raises NameError like `eval` does.
 */
export function evaluate(node: PyNode): PyValue {
  switch (node.kind) {
    case 'Constant':
      return node.value === ELLIPSIS ? new PyOther('ellipsis', 'Ellipsis') : node.value;
    case 'Name':
      throw nameError(node.id);
    case 'List':
      return node.elts.map(evaluate);
    case 'Tuple':
      return new PyTuple(node.elts.map(evaluate));
    case 'Dict':
      return PyDict.of(node.keys.map((k, i) => [k === null ? null : evaluate(k), evaluate(node.values[i]!)]));
    case 'UnaryOp':
      return unary(node.op, evaluate(node.operand));
    case 'BinOp':
      return binary(node.op, evaluate(node.left), evaluate(node.right), node.budget);
    default: {
      // Only literals and operators can be evaluated without Python; a name has no value anyway.
      const root = rootName(node);
      if (root !== undefined) throw nameError(root);
      throw new PyError('NotImplementedError', `cannot evaluate ${astClassName(node)} without Python`);
    }
  }
}

function rootName(node: PyNode): string | undefined {
  if (node.kind === 'Name') return node.id;
  if (node.kind === 'Attribute' || node.kind === 'Subscript' || node.kind === 'Starred') return rootName(node.value);
  if (node.kind === 'Call') return rootName(node.func);
  return undefined;
}

function nameError(id: string): PyError {
  return new PyError('NameError', `name '${id}' is not defined`);
}

type Num = bigint | number;

function asNumber(v: PyValue): Num | undefined {
  if (typeof v === 'boolean') return BigInt(v);
  return typeof v === 'bigint' || typeof v === 'number' ? v : undefined;
}

/** Python's unary `-x`, `+x`, `~x`, `not x`. */
export function unary(op: string, v: PyValue): PyValue {
  if (op === 'not') return !truthy(v);
  const n = asNumber(v);
  if (n === undefined || (op === '~' && typeof n === 'number')) throw new PyError('TypeError', `bad operand type for unary ${op}: '${typeName(v)}'`);
  if (op === '-') return -n;
  if (op === '~') return ~(n as bigint);
  return n;
}

function truthy(v: PyValue): boolean {
  if (v === null) return false;
  if (typeof v === 'object') return Array.isArray(v) ? v.length > 0 : v instanceof PyTuple ? v.items.length > 0 : v instanceof PyDict ? v.size > 0 : true;
  return Boolean(v);
}

// About CPython's limit on printing an int (4300 digits), which BFCL's messages would hit.
const MAX_INT_BITS = 14_285;

// Python's sys.maxsize: a repeat count beyond it does not fit an index.
const MAX_INDEX = 2n ** 63n - 1n;

function tooLarge(): PyError {
  return new PyError('MemoryError', 'result too large to evaluate');
}

function bits(n: bigint): number {
  return (n < 0n ? -n : n).toString(2).length;
}

/** Arithmetic takes and gives ints of at most MAX_INT_BITS, so no operation on them is slow. */
function checked<N extends PyValue>(n: N): N {
  if (typeof n === 'bigint' && bits(n) > MAX_INT_BITS) throw tooLarge();
  return n;
}

/**
 * How much a value holds: one per item, key and character, nested items counted each time they
 * appear. Stops counting past `limit`, so a value shared a million times costs little to refuse.
 */
function weight(v: PyValue, limit: number): number {
  if (typeof v === 'string') return v.length;
  const items = Array.isArray(v) ? v : v instanceof PyTuple ? v.items : v instanceof PyDict ? v.entries.flat() : [];
  let total = 0;
  for (const item of items) {
    if (total > limit) break;
    total += 1 + weight(item, limit - total);
  }
  return total;
}

/** Takes `cost` from the budget of the source, or refuses the result. */
function charge(budget: EvalBudget, cost: number): void {
  if (cost > budget.items) throw tooLarge();
  budget.items -= cost;
}

function repeat(seq: PyValue, times: PyValue, budget: EvalBudget): PyValue {
  if (typeof times !== 'bigint' && typeof times !== 'boolean') {
    throw new PyError('TypeError', `can't multiply sequence by non-int of type '${typeName(times)}'`);
  }
  if (BigInt(times) > MAX_INDEX) throw new PyError('OverflowError', "cannot fit 'int' into an index-sized integer");
  const k = Math.max(0, Number(times));
  const size = weight(seq, budget.items / k);
  if (size > 0) charge(budget, k * size);
  if (typeof seq === 'string') return seq.repeat(k);
  const items = Array.isArray(seq) ? seq : (seq as PyTuple).items;
  const out = items.length === 0 ? [] : Array.from({ length: k }, () => items).flat();
  return Array.isArray(seq) ? out : new PyTuple(out);
}

function isSeq(v: PyValue): boolean {
  return typeof v === 'string' || Array.isArray(v) || v instanceof PyTuple;
}

function binary(op: string, a: PyValue, b: PyValue, budget: EvalBudget): PyValue {
  const x = asNumber(a);
  const y = asNumber(b);
  if (x !== undefined && y !== undefined) return checked(arithmetic(op, checked(x), checked(y)));
  if (op === '+' && typeName(a) === typeName(b) && isSeq(a)) {
    charge(budget, weight(a, budget.items) + weight(b, budget.items));
    if (typeof a === 'string') return a + (b as string);
    if (Array.isArray(a)) return [...a, ...(b as PyValue[])];
    return new PyTuple([...(a as PyTuple).items, ...(b as PyTuple).items]);
  }
  if (op === '*' && isSeq(a)) return repeat(a, b, budget);
  if (op === '*' && isSeq(b)) return repeat(b, a, budget);
  throw new PyError('TypeError', `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

function arithmetic(op: string, x: Num, y: Num): PyValue {
  if (typeof x === 'bigint' && typeof y === 'bigint') {
    switch (op) {
      case '+':
        return x + y;
      case '-':
        return x - y;
      case '*':
        return x * y;
      case '//':
      case '%': {
        if (y === 0n) throw new PyError('ZeroDivisionError', 'integer division or modulo by zero');
        const q = x / y - ((x % y !== 0n && (x < 0n) !== (y < 0n)) ? 1n : 0n);
        return op === '//' ? q : x - q * y;
      }
      case '**':
        if (y < 0n) return Number(x) ** Number(y);
        // The result has at least (bits(x) - 1) * y bits: refuse what cannot fit before computing it.
        if (BigInt(bits(x) - 1) * y > BigInt(MAX_INT_BITS)) throw tooLarge();
        return x ** y;
      case '|':
        return x | y;
      case '&':
        return x & y;
      case '^':
        return x ^ y;
      case '<<':
        if (y < 0n) throw new PyError('ValueError', 'negative shift count');
        if (x !== 0n && BigInt(bits(x)) + y > BigInt(MAX_INT_BITS)) throw tooLarge();
        return x << y;
      case '>>':
        if (y < 0n) throw new PyError('ValueError', 'negative shift count');
        return x >> y;
    }
  }
  const f = Number(x);
  const g = Number(y);
  switch (op) {
    case '+':
      return f + g;
    case '-':
      return f - g;
    case '*':
      return f * g;
    case '/':
      if (g === 0) throw new PyError('ZeroDivisionError', 'division by zero');
      return f / g;
    case '//':
      if (g === 0) throw new PyError('ZeroDivisionError', 'float floor division by zero');
      return Math.floor(f / g);
    case '%':
      if (g === 0) throw new PyError('ZeroDivisionError', 'float modulo');
      return f - g * Math.floor(f / g);
    case '**':
      return f ** g;
  }
  throw new PyError('TypeError', `unsupported operand type(s) for ${op}: 'float' and 'float'`);
}
