import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRow } from '../../../test/support/evalRows.js';
import type { GoldenCall } from '../schema/case.js';
import type { JsonObject, ToolSpec } from '../schema/index.js';
import { duplicateOf, goldenTargets, nameWords } from './duplicateGuard.js';

/** A tool whose parameters are `name: type`, the ones in `optional` not required. */
function fn(name: string, params: Record<string, string>, optional: string[] = []): ToolSpec {
  const properties = Object.fromEntries(Object.entries(params).map(([p, type]) => [p, { type, description: `The ${p}.` }]));
  return { name, description: `Does ${name}.`, parameters: { type: 'dict', properties, required: Object.keys(params).filter((p) => !optional.includes(p)) } };
}

const QUADRATIC = fn('math_roots.quadratic', { a: 'integer', b: 'integer', c: 'integer' });
const QUADRATIC_CALL: GoldenCall = { name: QUADRATIC.name, parameters: { a: [5], b: [20], c: [-25] } };

/** Why `candidate` could satisfy the golden call (BFCL answer form) to `golden`, or undefined. */
function verdict(candidate: ToolSpec, golden = QUADRATIC, call: JsonObject = QUADRATIC_CALL.parameters): string | undefined {
  const row = makeRow({ tools: [golden], golden: [{ name: golden.name, parameters: call }] });
  return duplicateOf(candidate, goldenTargets(row, row.tools))?.reason;
}

test('name words: split at dots, underscores, dashes, digits and camelCase humps, singular, generic words dropped', () => {
  assert.deepEqual([...nameWords('math_roots.quadratic')], ['root', 'quadratic']);
  assert.deepEqual([...nameWords('Weather_1_GetWeather')], ['weather']);
  assert.deepEqual([...nameWords('getCurrentWeather-info')], ['current', 'weather']);
  assert.deepEqual([...nameWords('calculate_the_area_of_circle')], ['area', 'circle']);
  assert.deepEqual([...nameWords('set_alarm')], ['set', 'alarm'], 'a verb that changes something names the job');
  assert.deepEqual([...nameWords('get_status.analysis')], ['status', 'analysis'], 'no plural to drop');
  assert.deepEqual([...nameWords('get_info')], []);
});

test('rule (a): the same content words in both names is the same job, whatever the parameters', () => {
  const other = { x: 'string' };
  assert.equal(verdict(fn('solve_quadratic_equation', other), fn('solve.quadratic_equation', other), { x: ['y'] }), 'same name words quadratic, equation');
  assert.equal(verdict(fn('book_hotel', other), fn('hotel.book', { city: 'string' }), { city: ['Rome'] }), 'same name words hotel, book');
  assert.equal(verdict(fn('get_stock_price', other), fn('stock_price', other), { x: ['y'] }), 'same name words stock, price');
});

test('rule (a): names that only share a subject, or differ in what they change, are fair distractors', () => {
  const radius = { radius: 'float' };
  assert.equal(verdict(fn('geometry.area_triangle', { base: 'float' }), fn('geometry.area_circle', radius), { radius: [2] }), undefined);
  assert.equal(verdict(fn('set_alarm', { time: 'string' }), fn('Alarm_1_GetAlarms', { user: 'string' }), { user: ['me'] }), undefined);
  assert.equal(verdict(fn('library.reserve_book', { book_id: 'string' }), fn('library.search_books', { title: 'string' }), { title: ['Dune'] }), undefined);
  assert.equal(verdict(fn('get_info', { x: 'string' }), fn('get_details', { y: 'string' }), { y: ['z'] }), undefined, 'no content word: no evidence');
});

test('rule (b): the golden call\'s parameters, fitting types and a shared name word (BFCL multiple_11)', () => {
  assert.equal(verdict(fn('solve_quadratic_equation', { a: 'integer', b: 'integer', c: 'integer' })), 'same parameters a, b, c; name shares quadratic');
  assert.equal(verdict(fn('algebra.quadratic_roots', { a: 'float', b: 'float', c: 'float' })), 'same parameters a, b, c; name shares root, quadratic', 'an integer fits a float');
  assert.equal(verdict(fn('quadratic_solver', { a: 'any', b: 'number', c: 'integer', precision: 'integer' }, ['precision'])), 'same parameters a, b, c; name shares quadratic', 'optional extras are no obstacle');
  assert.equal(verdict(fn('quadratic_solver', { A: 'integer', b: 'integer', c_: 'integer' })), 'same parameters a, b, c; name shares quadratic', 'case and separators aside');
});

test('rule (b): a candidate that cannot take the call is no duplicate', () => {
  assert.equal(verdict(fn('quadratic_plot', { a: 'integer', b: 'integer' })), undefined, 'c has nowhere to go');
  assert.equal(verdict(fn('quadratic_plot', { a: 'integer', b: 'integer', c: 'integer', x_range: 'array' })), undefined, 'x_range is required and the call cannot fill it');
  assert.equal(verdict(fn('quadratic_text', { a: 'string', b: 'integer', c: 'integer' })), undefined, 'a string is no integer');
  assert.equal(verdict(fn('quadratic_list', { a: 'array', b: 'dict', c: 'boolean' })), undefined);
});

test('rule (b): taking the same arguments without a shared name word is a related but different tool (gcd and lcm)', () => {
  const gcd = fn('math.gcd', { num1: 'integer', num2: 'integer' });
  const call = { num1: [12], num2: [18] };
  assert.equal(verdict(fn('math.lcm', { num1: 'integer', num2: 'integer' }), gcd, call), undefined);
  assert.equal(verdict(fn('number_theory.gcd_of', { num1: 'integer', num2: 'integer' }), gcd, call), 'same parameters num1, num2; name shares gcd');
});

test('rule (b): BFCL\'s "" marks a parameter the call may omit, so a candidate without it still takes the call (BFCL multiple_0)', () => {
  const triangle = fn('triangle_properties.get', { side1: 'integer', side2: 'integer', side3: 'integer', get_area: 'boolean' }, ['get_area']);
  const call = { side1: [5], side2: [4], side3: [3], get_area: ['', true] };
  const heron = fn('math.triangle_area_heron', { side1: 'integer', side2: 'integer', side3: 'integer' });
  assert.equal(verdict(heron, triangle, call), 'same parameters side1, side2, side3; name shares triangle');
  const withFlag = fn('triangle_stats', { side1: 'integer', side2: 'integer', side3: 'integer', get_area: 'boolean' });
  assert.equal(verdict(withFlag, triangle, call), 'same parameters side1, side2, side3; name shares triangle', 'the call may pass get_area, so requiring it is no obstacle');
  const onlyOptional = { get_area: ['', true] };
  assert.equal(verdict(fn('triangle_flags', { get_area: 'boolean' }), triangle, onlyOptional), undefined, 'a call that needs no argument proves nothing');
});

test('golden targets: BFCL lists allowed values ("" = may be omitted); other rows pass plain values, arrays included', () => {
  const tool = fn('t', { a: 'integer', b: 'array', c: 'string' });
  const bfcl = makeRow({ tools: [tool], golden: [{ name: 't', parameters: { a: [1], b: ['', [1, 2]], c: [''] } }] });
  assert.deepEqual(goldenTargets(bfcl, bfcl.tools), [{ tool, needed: ['a'], passable: ['a', 'b'] }]);
  const plain = { ...bfcl, golden_answers: [{ name: 't', parameters: { a: 1, b: [''] } }], eval_config: { method: 'exact_match' } };
  assert.deepEqual(goldenTargets(plain, plain.tools), [{ tool, needed: ['a', 'b'], passable: ['a', 'b'] }]);
  assert.deepEqual(goldenTargets(bfcl, []), [], 'a call to a tool not given has no target');
});

test('a candidate is checked against every golden call of the row and names the one it could satisfy', () => {
  const weather = fn('weather.get', { city: 'string' });
  const row = makeRow({
    tools: [QUADRATIC, weather],
    golden: [QUADRATIC_CALL, { name: weather.name, parameters: { city: ['Rome'] } }],
  });
  const targets = goldenTargets(row, row.tools);
  assert.deepEqual(duplicateOf(fn('city_weather', { city: 'string' }), targets), { for: 'weather.get', reason: 'same parameters city; name shares weather' });
  assert.equal(duplicateOf(fn('air_quality', { city: 'string' }), targets), undefined);
});
