import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { inexactIntegers } from './exactNumbers.js';
import { fuzz } from '../../../test/support/fuzz.js';

test('integer literals beyond ±(2^53 - 1) are found; safe ones, floats and strings are not', () => {
  assert.deepEqual(inexactIntegers('{"a": 9007199254740991, "b": -9007199254740991}'), []);
  assert.deepEqual(inexactIntegers('{"a": 9007199254740992, "b": [-9007199254740993, 1e400]}'), ['9007199254740992', '-9007199254740993']);
  assert.deepEqual(inexactIntegers('[12345678901234567.5, 1234567890123456789e0, 0.12345678901234567]'), [], 'floats are floats in Python too');
  assert.deepEqual(inexactIntegers('{"id": "12345678901234567890", "q": "say \\"99999999999999999\\" twice", "n": 99999999999999999}'), ['99999999999999999']);
  assert.deepEqual(inexactIntegers(`[${'9'.repeat(400)}]`), ['9'.repeat(400)]);
});

test('every integer JSON.parse keeps exactly is left alone, every other one is found', () => {
  const literal = fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n });
  fc.assert(
    fc.property(fc.array(literal, { maxLength: 5 }), (numbers) => {
      const text = JSON.stringify({ n: numbers.map(String), v: 'x' }).replace(/"(-?\d+)"/g, '$1');
      const inexact = numbers.filter((n) => n > BigInt(Number.MAX_SAFE_INTEGER) || n < -BigInt(Number.MAX_SAFE_INTEGER)).map(String);
      assert.deepEqual(inexactIntegers(text), inexact);
    }),
    fuzz(200),
  );
});
