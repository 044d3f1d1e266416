import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ToolNameMap } from './toolNames.js';

test('unsafe names get a safe alias that maps back; safe names stay as they are', () => {
  const names = new ToolNameMap([{ name: 'math.factorial' }, { name: 'get_weather' }, { name: 'Weather API v2' }]);
  assert.equal(names.toSafe('math.factorial'), 'math_factorial');
  assert.equal(names.toSafe('get_weather'), 'get_weather');
  assert.equal(names.toSafe('Weather API v2'), 'Weather_API_v2');
  for (const name of ['math.factorial', 'get_weather', 'Weather API v2']) assert.equal(names.toOriginal(names.toSafe(name)), name);
});

test('an alias never takes a name another tool already has', () => {
  const names = new ToolNameMap([{ name: 'a.b' }, { name: 'a_b' }, { name: 'a b' }]);
  assert.equal(names.toSafe('a_b'), 'a_b');
  assert.equal(names.toSafe('a.b'), 'a_b_2');
  assert.equal(names.toSafe('a b'), 'a_b_3');
  assert.equal(names.toOriginal('a_b_2'), 'a.b');
  assert.equal(names.toOriginal('a_b_3'), 'a b');
});

test('over-long names are cut to 64 characters and stay distinct', () => {
  const long = (c: string) => `pkg.${'x'.repeat(70)}.${c}`;
  const names = new ToolNameMap([{ name: long('one') }, { name: long('two') }]);
  const [one, two] = [names.toSafe(long('one')), names.toSafe(long('two'))];
  assert.ok(one.length <= 64 && two.length <= 64);
  assert.notEqual(one, two);
  assert.equal(names.toOriginal(one), long('one'));
});

test('a name the model invents passes through unchanged', () => {
  assert.equal(new ToolNameMap([{ name: 'math.factorial' }]).toOriginal('math_fact'), 'math_fact');
});
