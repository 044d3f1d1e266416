import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonTooDeepError, MAX_JSON_DEPTH, nestedDeeperThan, parseJson } from './safeJson.js';

const nested = (levels: number, open = '[', close = ']') => `${open.repeat(levels)}${close.repeat(levels)}`;

test('values up to the limit parse as JSON.parse parses them; deeper ones are refused with a clear error', () => {
  assert.deepEqual(parseJson('{"a": [1, {"b": null}]}'), { a: [1, { b: null }] });
  assert.doesNotThrow(() => parseJson(nested(MAX_JSON_DEPTH)));
  assert.throws(() => parseJson(nested(MAX_JSON_DEPTH + 1)), (e) => e instanceof JsonTooDeepError && /deeper than 100 levels/.test(e.message));
  const objects = `${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}`;
  assert.throws(() => parseJson(objects), JsonTooDeepError, 'hundreds of thousands of levels: refused, no stack overflow');
  assert.throws(() => parseJson(nested(1_000_000)), JsonTooDeepError);
  assert.throws(() => parseJson('{"a":'), SyntaxError, 'bad JSON stays a SyntaxError');
});

test('the depth check counts containers only, and keeps keys named __proto__ as own properties', () => {
  assert.equal(nestedDeeperThan('x'.repeat(10), 0), false);
  assert.equal(nestedDeeperThan([], 0), true);
  assert.equal(nestedDeeperThan([[]], 1), true);
  assert.equal(nestedDeeperThan([[]], 2), false);
  const value = parseJson('{"__proto__": {"polluted": true}, "b": 1}') as Record<string, unknown>;
  assert.deepEqual(Object.keys(value), ['__proto__', 'b']);
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
});
