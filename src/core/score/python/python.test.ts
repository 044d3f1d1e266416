import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pyJsonLoads } from './json.js';
import { floatRepr, pyRepr } from './repr.js';
import { pyFloatOf, pyIntOf, pyStrip } from './text.js';
import { PyDict, PyError, pyContains, pyEq, PyTuple, typeName } from './values.js';

function loadError(text: string): string {
  try {
    pyJsonLoads(text);
  } catch (err) {
    assert.ok(err instanceof PyError);
    return err.message;
  }
  assert.fail(`expected ${JSON.stringify(text)} not to parse`);
}

test('json.loads keeps ints and floats apart, as BFCL type checks need', () => {
  assert.equal(pyJsonLoads('5'), 5n);
  assert.equal(pyJsonLoads('5.0'), 5);
  assert.equal(pyJsonLoads('-1e2'), -100);
  assert.equal(pyJsonLoads('123456789012345678901234567890'), 123456789012345678901234567890n);
  assert.ok(Number.isNaN(pyJsonLoads('NaN') as number));
  assert.equal(pyJsonLoads('-Infinity'), -Infinity);
  const d = pyJsonLoads('{"a": [1, 2.5, "x\\u00e9\\ud83d\\ude00"], "a": true}') as PyDict;
  assert.equal(d.size, 1, 'a repeated key keeps one entry and the last value');
  assert.equal(d.get('a'), true);
});

test('json.loads failures carry CPython 3.12 messages and positions', () => {
  assert.equal(loadError(''), 'Expecting value: line 1 column 1 (char 0)');
  assert.equal(loadError('{"a": 1,}'), 'Expecting property name enclosed in double quotes: line 1 column 9 (char 8)');
  assert.equal(loadError('[1,]'), 'Expecting value: line 1 column 4 (char 3)');
  assert.equal(loadError('{"a" 1}'), "Expecting ':' delimiter: line 1 column 6 (char 5)");
  assert.equal(loadError('"abc'), 'Unterminated string starting at: line 1 column 1 (char 0)');
  assert.equal(loadError('"a\nb"'), 'Invalid control character at: line 1 column 3 (char 2)');
  assert.equal(loadError('"a\\qb"'), 'Invalid \\escape: line 1 column 3 (char 2)');
  assert.equal(loadError('{"a":1} x'), 'Extra data: line 1 column 9 (char 8)');
  assert.equal(loadError('1.'), 'Extra data: line 1 column 2 (char 1)');
  assert.equal(loadError('{\n  "x": 1980? \n}'), "Expecting ',' delimiter: line 2 column 12 (char 13)");
  assert.equal(loadError('["é😀", 1x]'), "Expecting ',' delimiter: line 1 column 9 (char 8)", 'positions count code points');
});

test('repr matches Python for floats, strings and containers', () => {
  for (const [x, r] of [
    [1e16, '1e+16'],
    [1e15, '1000000000000000.0'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [1.5e-7, '1.5e-07'],
    [-0, '-0.0'],
    [100, '100.0'],
    [0.1, '0.1'],
    [Infinity, 'inf'],
  ] as const) {
    assert.equal(floatRepr(x), r);
  }
  assert.equal(pyRepr("a'b"), `"a'b"`);
  assert.equal(pyRepr(`a"b'`), `'a"b\\''`);
  assert.equal(pyRepr('\x00\n\u200b\xa0 é😀'), "'\\x00\\n\\u200b\\xa0 é😀'");
  assert.equal(pyRepr([1n, 2.0, null, true, new PyTuple([1n]), PyDict.of([['k', 'v']])]), "[1, 2.0, None, True, (1,), {'k': 'v'}]");
});

test('equality follows Python: 1 == 1.0 == True, a tuple is not a list, dict keys merge', () => {
  assert.ok(pyEq(1n, 1.0));
  assert.ok(pyEq(true, 1n));
  assert.ok(!pyEq(2n ** 53n + 1n, 2 ** 53), 'ints compare with floats exactly');
  assert.ok(!pyEq([1n], new PyTuple([1n])));
  assert.ok(pyEq([1n, 'a'], [1.0, 'a']));
  assert.ok(pyEq(PyDict.of([['a', 1n]]), PyDict.of([['a', 1.0]])));
  assert.equal(PyDict.of([[1n, 'x'], [true, 'y']]).size, 1);
  assert.ok(pyContains(['', 5n], ''));
  assert.ok(pyContains('abc', 'b'));
  assert.throws(() => pyContains(5n, 1n), /argument of type 'int' is not iterable/);
  assert.equal(typeName(5.0), 'float');
  assert.equal(typeName(5n), 'int');
});

test('str helpers follow Python: whitespace, int() and float()', () => {
  assert.equal(pyStrip('\x1c a \u3000'), 'a');
  assert.equal(pyStrip('``\n[f()]\n`', '`\n '), '[f()]');
  assert.equal(pyIntOf(' 1_000 '), 1000n);
  assert.equal(pyIntOf('1.0'), undefined);
  assert.equal(pyFloatOf('Infinity'), Infinity);
  assert.equal(pyFloatOf('1e3'), 1000);
  assert.equal(pyFloatOf('.5'), 0.5);
  assert.equal(pyFloatOf('abc'), undefined);
});

test('dict keys are found by hash with Python equality: 1 == 1.0 == True, tuples by items, NaN equal to nothing', () => {
  const d = PyDict.of([
    [1n, 'int'],
    [(0.1 + 0.2) as number, 'float'],
    [new PyTuple([1n, 'a']), 'tuple'],
    [NaN, 'nan'],
  ]);
  assert.equal(d.get(1), 'int');
  assert.equal(d.get(true), 'int');
  assert.equal(d.get(0.30000000000000004), 'float');
  assert.equal(d.get(new PyTuple([1.0, 'a'])), 'tuple');
  assert.equal(d.get(NaN), undefined);
  d.set(NaN, 'another nan');
  assert.equal(d.size, 5, 'each NaN is a key of its own');
  assert.equal(PyDict.of([[0, 'zero'], [-0, 'minus zero'], [0n, 'int zero']]).size, 1);
  assert.throws(() => d.get([1n]), /unhashable type: 'list'/);
});

test('strip compares whole code points from both ends', () => {
  assert.equal(pyStrip('😀a😀', '😀'), 'a');
  assert.equal(pyStrip('\ud83dab', '😀'), '\ud83dab', 'half of a pair is not the pair');
  assert.equal(pyStrip(' \t '), '');
});
