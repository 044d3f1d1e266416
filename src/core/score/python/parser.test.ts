import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fuzz } from '../../../../test/support/fuzz.js';
import { decodePythonCalls } from '../bfcl/decode/prompting.js';
import { ELLIPSIS, MAX_PYTHON_NESTING, MAX_PYTHON_SOURCE, parseExpression, type PyNode } from './ast.js';
import { pyRepr } from './repr.js';
import { PyDict, PyError, PyTuple, type PyValue } from './values.js';

/** A node as a short line: `Call(N(f);args;kw=value)`, the notation of the expectations below. */
function dump(n: PyNode): string {
  switch (n.kind) {
    case 'Constant':
      return `C(${n.value === ELLIPSIS ? 'Ellipsis' : pyRepr(n.value)})`;
    case 'Name':
      return `N(${n.id})`;
    case 'Attribute':
      return `A(${dump(n.value)},${n.attr})`;
    case 'Subscript':
      return `S(${dump(n.value)},${dump(n.slice)})`;
    case 'Call':
      return `Call(${dump(n.func)};${n.args.map(dump).join(',')};${n.keywords.map((k) => `${k.arg ?? '**'}=${dump(k.value)}`).join(',')})`;
    case 'Starred':
      return `St(${dump(n.value)})`;
    case 'List':
    case 'Tuple':
    case 'Set':
      return `${n.kind}(${n.elts.map(dump).join(',')})`;
    case 'Dict':
      return `D(${n.keys.map((k, i) => `${k === null ? '**' : dump(k)}:${dump(n.values[i]!)}`).join(',')})`;
    case 'UnaryOp':
      return `U(${n.op},${dump(n.operand)})`;
    case 'BinOp':
      return `B(${n.op},${dump(n.left)},${dump(n.right)})`;
    case 'Lambda':
      return `L(${dump(n.body)})`;
    case 'Other':
      return `O(${n.className})`;
  }
}

/** What parsing gives: the dump, or the Python error as `Type: message`. */
function outcome(source: string): string {
  try {
    return dump(parseExpression(source));
  } catch (err) {
    if (!(err instanceof PyError)) throw err;
    return `${err.pyType}: ${err.message}`;
  }
}

// Each expectation is what CPython 3.11's ast.parse(source, mode="eval") gives (its message
// where ours is the same; the tokenizer's messages are CPython's own).
const CPYTHON: Array<[string, string]> = [
  ["[f(a=1), g.h(b='x')]", "List(Call(N(f);;a=C(1)),Call(A(N(g),h);;b=C('x')))"],
  ['a.b[c](d)(e=f)', 'Call(Call(S(A(N(a),b),N(c));N(d););;e=N(f))'],
  ['1if 1 else 2', 'O(IfExp)'],
  ['[0x1for x in y]', 'List(O(BoolOp))'],
  ['x[*a]', 'S(N(x),Tuple(St(N(a))))'],
  ['x[1:2, ::3]', 'S(N(x),Tuple(O(Slice),O(Slice)))'],
  ['f(x for x in y)', 'Call(N(f);O(GeneratorExp);)'],
  ['lambda a, /, b=1, *c, d, **e: 1', 'L(C(1))'],
  ["{**a, 'b': 1}", "D(**:N(a),C('b'):C(1))"],
  ['{*a, 1}', 'Set(St(N(a)),C(1))'],
  ['[x async for x in y]', 'O(ListComp)'],
  ['(yield)', 'O(Yield)'],
  ['await x', 'O(Await)'],
  ["'a' f'{b!r:>{w}}'", 'O(JoinedStr)'],
  ["f'{x=}'", 'O(JoinedStr)'],
  ['ﬁ', 'N(fi)'],
  ['5.', 'C(5.0)'],
  ['1.e5', 'C(100000.0)'],
  ['0o17 + 0b101', 'B(+,C(15),C(5))'],
  ['-2 ** 2', 'U(-,B(**,C(2),C(2)))'],
  ['not a in b', 'U(not,O(Compare))'],
  ['(x := 1)', 'O(NamedExpr)'],
  ["'''a\nb'''", "C('a\\nb')"],
  ["b'x' rb'\\\\d'", "C(b'x\\\\\\\\d')"],
  ['2j', 'C(2j)'],
  ['[1\n,2]', 'List(C(1),C(2))'],
  ['f(a=1, 2)', 'SyntaxError: positional argument follows keyword argument (<unknown>, line 1)'],
  ['f(**a, b)', 'SyntaxError: positional argument follows keyword argument unpacking (<unknown>, line 1)'],
  ['f(**a, *b)', 'SyntaxError: iterable argument unpacking follows keyword argument unpacking (<unknown>, line 1)'],
  ['f(x for x in y, 1)', 'SyntaxError: Generator expression must be parenthesized (<unknown>, line 1)'],
  ['f(a.b=1)', 'SyntaxError: expression cannot contain assignment, perhaps you meant "=="? (<unknown>, line 1)'],
  ['f(True=1)', 'SyntaxError: cannot assign to True (<unknown>, line 1)'],
  ['1.real', 'SyntaxError: invalid decimal literal (<unknown>, line 1)'],
  ['1__0', 'SyntaxError: invalid decimal literal (<unknown>, line 1)'],
  ['012', 'SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers (<unknown>, line 1)'],
  ['0b12', "SyntaxError: invalid digit '2' in binary literal (<unknown>, line 1)"],
  ['0xg', 'SyntaxError: invalid hexadecimal literal (<unknown>, line 1)'],
  ["'a\nb'", 'SyntaxError: unterminated string literal (detected at line 1) (<unknown>, line 1)'],
  ["f'{'", "SyntaxError: f-string: expecting '}' (<unknown>, line 1)"],
  ["f'}'", "SyntaxError: f-string: single '}' is not allowed (<unknown>, line 1)"],
  ["f'{x!z}'", "SyntaxError: f-string: invalid conversion character: expected 's', 'r', or 'a' (<unknown>, line 1)"],
  ["f'{}'", 'SyntaxError: f-string: empty expression not allowed (<unknown>, line 1)'],
  ["f'{a#}'", "SyntaxError: f-string expression part cannot include '#' (<unknown>, line 1)"],
  ["b'a' 'b'", 'SyntaxError: cannot mix bytes and nonbytes literals (<unknown>, line 1)'],
  ['[1,,2]', 'SyntaxError: invalid syntax (<unknown>, line 1)'],
  ['(*a)', 'SyntaxError: cannot use starred expression here (<unknown>, line 1)'],
  ['[*a for a in b]', 'SyntaxError: iterable unpacking cannot be used in comprehension (<unknown>, line 1)'],
  ['{**a for a in b}', 'SyntaxError: dict unpacking cannot be used in dict comprehension (<unknown>, line 1)'],
  ['lambda a=1, b: 1', 'SyntaxError: non-default argument follows default argument (<unknown>, line 1)'],
  ['lambda *: 1', 'SyntaxError: named arguments must follow bare * (<unknown>, line 1)'],
  ['[x for 1 in y]', 'SyntaxError: cannot assign to literal (<unknown>, line 1)'],
  ['x := 1', 'SyntaxError: invalid syntax (<unknown>, line 1)'],
  [' 1', 'IndentationError: unexpected indent (<unknown>, line 1)'],
  ['1\n2', 'SyntaxError: invalid syntax (<unknown>, line 2)'],
  ['\\', 'SyntaxError: unexpected character after line continuation character (<unknown>, line 1)'],
  ['“a”', "SyntaxError: invalid character '“' (U+201C) (<unknown>, line 1)"],
  ['\v1', 'SyntaxError: invalid non-printable character U+000B (<unknown>, line 1)'],
  ['(]', "SyntaxError: closing parenthesis ']' does not match opening parenthesis '(' (<unknown>, line 1)"],
  [')', "SyntaxError: unmatched ')' (<unknown>, line 1)"],
  ['[f(a=1', "SyntaxError: '(' was never closed (<unknown>, line 1)"],
  ['1 if 2', "SyntaxError: expected 'else' after 'if' expression (<unknown>, line 1)"],
  [
    '1'.repeat(4301),
    'SyntaxError: Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits. (<unknown>, line 1)',
  ],
];

test('expressions parse as CPython 3.11 parses them, errors included', () => {
  for (const [source, expected] of CPYTHON) assert.equal(outcome(source), expected, JSON.stringify(source));
});

test("a syntax error names the line it is on, and a tokenizer error anywhere outranks the parser's", () => {
  assert.equal(outcome('[f(a=1),\n g(b=)]'), 'SyntaxError: invalid syntax (<unknown>, line 2)');
  assert.equal(outcome("[f(a=1) g(b=2), 'unterminated]"), 'SyntaxError: unterminated string literal (detected at line 1) (<unknown>, line 1)');
});

// --- round trip ------------------------------------------------------------------------------

const PYTHON_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' '),
);
const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/).filter((name) => !PYTHON_KEYWORDS.has(name));
const finiteFloat = fc.double({ noNaN: true, noDefaultInfinity: true });

/** Python values a model may pass: every literal type BFCL compares, nested a few levels. */
const pyValue: fc.Arbitrary<PyValue> = fc.letrec<{ value: PyValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }),
    finiteFloat,
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(tie('value'), { maxLength: 3 }).map((items) => new PyTuple(items)),
    fc.array(fc.tuple(fc.string({ maxLength: 6 }), tie('value')), { maxLength: 3 }).map((entries) => PyDict.of(entries)),
  ),
})).value;

const call = fc.record({
  name: fc.array(identifier, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.')),
  args: fc.uniqueArray(fc.tuple(identifier, pyValue), { maxLength: 4, selector: ([key]) => key }).map((entries) => PyDict.of(entries)),
});
// Python allows any of these between the items of a call list.
const separator = fc.constantFrom(', ', ',', ' ,\n  ', ', # note\n');

test('a rendered call list parses back to the same calls, types and all', () => {
  fc.assert(
    fc.property(fc.array(call, { maxLength: 4 }), separator, (calls, sep) => {
      const source = `[${calls.map((c) => `${c.name}(${c.args.entries.map(([k, v]) => `${String(k)}=${pyRepr(v)}`).join(sep)})`).join(sep)}]`;
      const decoded = decodePythonCalls(source);
      assert.deepEqual(
        decoded.map((c) => [c.name, pyRepr(c.args)]),
        calls.map((c) => [c.name, pyRepr(c.args)]),
      );
    }),
    fuzz(300),
  );
});

// --- hostile text ----------------------------------------------------------------------------

/** Decodes `text`, or gives the Python error it raised; anything else thrown fails the test. */
function decodeOutcome(text: string): string {
  try {
    return `decoded ${decodePythonCalls(text).length}`;
  } catch (err) {
    if (!(err instanceof PyError)) throw err;
    return `${err.pyType}: ${err.message}`;
  }
}

const bracketHeavy = fc.string({ unit: fc.constantFrom('[', ']', '(', ')', '{', '}', ',', '=', 'f', 'a', '1', ' ', '*', ':'), maxLength: 200 });
const quoteHeavy = fc.string({ unit: fc.constantFrom("'", '"', '\\', 'f', 'r', 'b', '{', '}', '!', 'x', '\n', ' ', '#', '='), maxLength: 80 });
const pythonish = fc.string({ unit: fc.constantFrom('f(', 'a=', '[', ']', ')', '1', '0x', '.5', 'e', 'j', ', ', 'lambda ', ':', ' for ', ' in ', 'not ', '**', '-', '...', "'s'", '\\\n'), maxLength: 40 });

test('no text makes the parser throw anything but a Python error', () => {
  fc.assert(
    fc.property(fc.oneof(bracketHeavy, quoteHeavy, pythonish, fc.string({ unit: 'binary' })), (text) => {
      decodeOutcome(text);
    }),
    fuzz(300),
  );
});

test('hostile call lists end in a Python error, never a TypeError, RangeError or stack overflow', () => {
  // Once a TypeError inside the old parser: this 20 KB call left its syntax tree corrupt.
  assert.match(decodeOutcome(`\nlambdafor_j${'+:" "'.repeat(4000)}else*a=0xx.`), /^SyntaxError: invalid hexadecimal literal/);
  assert.match(decodeOutcome(`f(a=${'+:" "'.repeat(4000)})`), /^SyntaxError: invalid syntax/);
  assert.match(decodeOutcome('['.repeat(1 << 20)), new RegExp(`^SyntaxError: the text is ${(1 << 20) + 1} characters long, over the ${MAX_PYTHON_SOURCE}`));
  assert.match(decodeOutcome('['.repeat(MAX_PYTHON_SOURCE - 1)), /^SyntaxError: too many nested parentheses/);
  assert.match(decodeOutcome(`[f(a=${'-'.repeat(30_000)}1)]`), new RegExp(`^SyntaxError: nested more than ${MAX_PYTHON_NESTING} levels deep`));
  assert.match(decodeOutcome(`[f(a=${Array(10_000).fill('1').join('+')})]`), /^SyntaxError: nested more than/);
  assert.match(decodeOutcome(`[f(a=x${'.a'.repeat(10_000)})]`), /^SyntaxError: nested more than/);
  assert.match(decodeOutcome(`[f(a=${'not '.repeat(7_000)}1)]`), /^SyntaxError: nested more than/);
  assert.equal(decodeOutcome(`[f(a=${'['.repeat(MAX_PYTHON_NESTING - 3)}${']'.repeat(MAX_PYTHON_NESTING - 3)})]`), 'decoded 1');
});

test('arithmetic in arguments is bounded: a result larger than the source allows is a MemoryError', () => {
  assert.equal(decodeOutcome('[f(a=[[[0]*1000]*1000]*1000)]'), 'MemoryError: result too large to evaluate');
  assert.equal(decodeOutcome(`[f(${Array.from({ length: 300 }, (_, i) => `a${i}=[0]*1000`).join(', ')})]`), 'MemoryError: result too large to evaluate');
  assert.equal(decodeOutcome('[f(a=9**9**9)]'), 'MemoryError: result too large to evaluate');
  assert.equal(decodeOutcome(`[f(a=0x${'f'.repeat(5000)} * 3)]`), 'MemoryError: result too large to evaluate');
  assert.equal(decodeOutcome('[f(a=[] * 10**400)]'), "OverflowError: cannot fit 'int' into an index-sized integer");
  assert.equal(decodeOutcome("[f(a='' * 2**62, b=[] * 2**62)]"), 'decoded 1', 'an empty sequence repeated is empty, as in Python');
  assert.equal(decodeOutcome("[f(a='ab' * 1000, b=[1, 2] * 100 + [3])]"), 'decoded 1');
});

test('a call with thousands of keyword arguments or dict keys decodes (dicts are hashed, not scanned)', () => {
  const keys = Array.from({ length: 2000 }, (_, i) => `'k${i}': ${i}`).join(', ');
  const [decoded] = decodePythonCalls(`[f(d={${keys}, 1: 'int', 1.0: 'float', True: 'bool'})]`);
  const dict = (decoded!.args as PyDict).get('d') as PyDict;
  assert.equal(dict.size, 2001);
  assert.equal(dict.get(1n), 'bool', '1, 1.0 and True are one key, as in Python');
  const kwargs = Array.from({ length: 2000 }, (_, i) => `a${i}=${i}`).join(', ');
  assert.equal((decodePythonCalls(`[f(${kwargs})]`)[0]!.args as PyDict).size, 2000);
});
