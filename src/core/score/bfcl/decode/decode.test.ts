import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { pyRepr } from '../../python/repr.js';
import { PyDict, PyError } from '../../python/values.js';
import { decodeFunctionCalls } from './fc.js';
import { decodePythonCalls } from './prompting.js';
import type { DecodedCall } from './calls.js';
import { fuzz } from '../../../../../test/support/fuzz.js';

/** Decoded calls as Python would print them, so expectations read like BFCL's own output. */
function py(calls: DecodedCall[]): string {
  return pyRepr(calls.map((c) => PyDict.of([[c.name, c.args]])));
}

function decodeError(decode: () => unknown): string {
  try {
    decode();
  } catch (err) {
    assert.ok(err instanceof PyError, `expected a Python error, got ${String(err)}`);
    return `${err.pyType}: ${err.message}`;
  }
  assert.fail('expected the output not to decode');
}

// Every expectation below was checked against BFCL's decoder running on CPython.
test('Python calls: keyword arguments with nested lists, dicts, tuples and constants', () => {
  assert.equal(
    py(decodePythonCalls("[f(a=[1, [2, 3]], b={'k': -1.5, 'n': None}, c=(1, 'x'), d=True)]")),
    "[{'f': {'a': [1, [2, 3]], 'b': {'k': -1.5, 'n': None}, 'c': (1, 'x'), 'd': True}}]",
  );
});

test('Python calls: negative, float, hex and underscore numbers keep their Python type', () => {
  assert.equal(py(decodePythonCalls('f(x=-3, y=2.5e-3, z=+4, w=0x10, v=1_000, u=5., t=1e16)')), "[{'f': {'x': -3, 'y': 0.0025, 'z': -4, 'w': 16, 'v': 1000, 'u': 5.0, 't': 1e+16}}]");
  const [call] = decodePythonCalls('[f(i=5, g=5.0)]');
  const args = call!.args as PyDict;
  assert.equal(args.get('i'), 5n);
  assert.equal(args.get('g'), 5);
});

test('Python calls: strings with quotes, commas and escapes', () => {
  assert.equal(py(decodePythonCalls(`[f(s='it\\'s, "quoted"', t="a,b", u='\\x41\\u00e9\\n', v=r'\\d+', w='a' 'b')]`)), `[{'f': {'s': 'it\\'s, "quoted"', 't': 'a,b', 'u': 'Aé\\n', 'v': '\\\\d+', 'w': 'ab'}}]`);
});

test('Python calls: dotted names, several calls, fences, empty list', () => {
  assert.equal(py(decodePythonCalls('[math.factorial(number=5)]')), "[{'math.factorial': {'number': 5}}]");
  assert.equal(py(decodePythonCalls('```\n[f(a=1), g(b=2)]\n```')), "[{'f': {'a': 1}}, {'g': {'b': 2}}]");
  assert.equal(py(decodePythonCalls('get_weather(city="Paris")')), "[{'get_weather': {'city': 'Paris'}}]");
  assert.deepEqual(decodePythonCalls('[]'), []);
  assert.equal(py(decodePythonCalls('[f(a=1), # first\n g(b=2),]')), "[{'f': {'a': 1}}, {'g': {'b': 2}}]");
});

test('Python calls: positional arguments are dropped, as BFCL drops them', () => {
  assert.equal(py(decodePythonCalls('[f(1, 2, a=3)]')), "[{'f': {'a': 3}}]");
  assert.equal(py(decodePythonCalls('[f(*b, a=1)]')), "[{'f': {'a': 1}}]");
});

test("Python calls: BFCL's value rules for names, nested calls, arithmetic and subscripts", () => {
  assert.equal(
    py(decodePythonCalls("[f(a=2*3, b='a'+'b', c=g(1), d=g(k=1), e=x[0], f=..., g=name, h=-True)]")),
    "[{'f': {'a': 6, 'b': 'ab', 'c': 'g(1)', 'd': {'g': {'k': 1}}, 'e': 'x[0]', 'f': '...', 'g': 'name', 'h': -1}}]",
  );
  assert.equal(py(decodePythonCalls('[f(a=2**-1, b=-7//2, c=-7%3, d=[1]*2)]')), "[{'f': {'a': 0.5, 'b': -4, 'c': 2, 'd': [1, 1]}}]");
});

test('malformed or unsupported text is a decode failure with Python’s error, never a crash', () => {
  assert.match(decodeError(() => decodePythonCalls('[f(a=1]')), /^SyntaxError: /);
  assert.match(decodeError(() => decodePythonCalls('I cannot help with that.')), /^SyntaxError: /);
  assert.match(decodeError(() => decodePythonCalls("[f(a='unterminated)]")), /^SyntaxError: /);
  assert.equal(decodeError(() => decodePythonCalls('[f(a=1, 2)]')), 'SyntaxError: positional argument follows keyword argument (<unknown>, line 1)');
  assert.equal(decodeError(() => decodePythonCalls('[f(a=x.y)]')), "Exception: Unsupported AST type: <class 'ast.Attribute'>");
  assert.equal(decodeError(() => decodePythonCalls('[f(a={1, 2})]')), "Exception: Unsupported AST type: <class 'ast.Set'>");
  assert.equal(decodeError(() => decodePythonCalls('[f(a=-x)]')), "AttributeError: 'Name' object has no attribute 'value'");
  assert.equal(decodeError(() => decodePythonCalls('[1, f(a=1)]')), 'AssertionError: ');
  assert.equal(decodeError(() => decodePythonCalls('[f(a=1/0)]')), 'ZeroDivisionError: division by zero');
  assert.equal(decodeError(() => decodePythonCalls('[f(a={[1]: 2})]')), "TypeError: unhashable type: 'list'");
  assert.equal(decodeError(() => decodePythonCalls('[f(a=012)]')), 'SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers (<unknown>, line 1)');
});

test('function-calling output: JSON argument strings, already-parsed arguments, empty output', () => {
  const calls = decodeFunctionCalls([{ math_factorial: '{"number": 5, "x": 2.0}' }, { g: { a: [1, 'b'] } }]);
  assert.equal(py(calls), "[{'math_factorial': {'number': 5, 'x': 2.0}}, {'g': {'a': [1, 'b']}}]");
  assert.deepEqual(decodeFunctionCalls([]), []);
  assert.deepEqual(decodeFunctionCalls(''), [], 'an empty text reply iterates to nothing');
});

test('function-calling output: the Python errors BFCL records for other shapes', () => {
  assert.equal(decodeError(() => decodeFunctionCalls('Error during inference: Request timed out.')), "AttributeError: 'str' object has no attribute 'keys'");
  assert.equal(decodeError(() => decodeFunctionCalls([{ f: '{"a": 1980? }' }])), "JSONDecodeError: Expecting ',' delimiter: line 1 column 11 (char 10)");
  assert.equal(decodeError(() => decodeFunctionCalls([{}])), 'IndexError: list index out of range');
  assert.equal(decodeError(() => decodeFunctionCalls(null)), "TypeError: 'NoneType' object is not iterable");
  assert.equal(decodeError(() => decodeFunctionCalls([{ f: 5 }])), 'TypeError: the JSON object must be str, bytes or bytearray, not int');
});

test('no text makes either decoder crash: it decodes or raises a Python error', () => {
  const pythonish = fc.stringMatching(/^[\[\]() ,=.'"a-z0-9_\-+*{}:\\\n`#]{0,40}$/);
  fc.assert(
    fc.property(fc.oneof(fc.string(), pythonish), (text) => {
      for (const decode of [() => decodePythonCalls(text), () => decodeFunctionCalls([{ f: text }])]) {
        try {
          decode();
        } catch (err) {
          if (!(err instanceof PyError)) throw err;
        }
      }
    }),
    fuzz(2000),
  );
});
