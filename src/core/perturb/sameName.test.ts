import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRow, tool } from '../../../test/support/evalRows.js';
import { sameName, SAME_NAME_VARIANTS } from './sameName.js';

const weather = tool('get_weather', 'Current weather for a city.', { city: { type: 'string' } });
const time = tool('get_time', 'Local time in a zone.', { zone: { type: 'string' }, format: { type: 'string' } });
const bfclRow = makeRow({ tools: [time, weather], golden: [{ name: 'get_weather', parameters: { city: ['Lisbon'] } }] });
/** A row scored by plain matching (not BFCL's first-tool-of-that-name lookup). */
const row = { ...bfclRow, eval_config: { method: 'exact_match' } };

const both = makeRow({
  tools: [weather, time],
  golden: [{ name: 'get_weather', parameters: { city: ['Lisbon'] } }, { name: 'get_time', parameters: { zone: ['UTC'] } }],
});

test('each variant appends a same-name distractor after every tool, golden tool and answers untouched', () => {
  const expected = {
    A: { description: '', parameters: { type: 'dict', properties: {}, required: [] } },
    B: { description: weather.description, parameters: { type: 'dict', properties: {}, required: [] } },
    C: { description: '', parameters: time.parameters },
    D: { description: weather.description, parameters: time.parameters },
    E: { description: time.description, parameters: time.parameters },
  };
  for (const variant of SAME_NAME_VARIANTS) {
    for (const scored of [row, bfclRow]) {
      const result = sameName(variant, scored, 42);
      assert.ok(result.ok, variant);
      const tools = result.row.tools;
      assert.deepEqual(tools.map((t) => t.name), ['get_time', 'get_weather', 'get_weather']);
      assert.deepEqual(tools[1], weather, 'the real tool keeps its place and schema');
      assert.deepEqual(tools[2], { name: 'get_weather', ...expected[variant] }, variant);
      assert.deepEqual(result.row.golden_answers, row.golden_answers);
      assert.deepEqual(result.row.perturbation, {
        type: `same_name_${variant}`,
        mdp_category: 'action',
        metadata: {
          count: 'AB'.includes(variant) ? 'one' : 'per_golden',
          position: 'end',
          description_from: { A: 'empty', B: 'golden', C: 'empty', D: 'golden', E: 'donor' }[variant],
          parameters_from: { A: 'none', B: 'none', C: 'donor', D: 'donor', E: 'donor' }[variant],
          distractors: [{ name: 'get_weather', index: 2, ...('CDE'.includes(variant) ? { borrowed_from: 'get_time' } : {}) }],
        },
      });
    }
  }
});

test('A and B add one distractor for one golden tool drawn with the seed; C–E add one per golden tool', () => {
  const drawn = new Set<string>();
  for (let seed = 0; seed < 40; seed++) {
    const result = sameName('A', both, seed);
    assert.ok(result.ok);
    assert.equal(result.row.tools.length, 3);
    drawn.add(result.row.tools[2]!.name);
    assert.deepEqual(sameName('A', both, seed), result, 'the same seed draws the same tool');
  }
  assert.deepEqual([...drawn].sort(), ['get_time', 'get_weather'], 'either golden tool can be drawn');
  const c = sameName('C', both, 1);
  assert.ok(c.ok);
  assert.deepEqual(c.row.tools.map((t) => t.name), ['get_weather', 'get_time', 'get_weather', 'get_time']);
  const perGolden = sameName('B', both, 1, { count: 'per_golden' });
  assert.ok(perGolden.ok);
  assert.equal(perGolden.row.tools.length, 4);
  const one = sameName('D', both, 1, { count: 'one' });
  assert.ok(one.ok);
  assert.equal(one.row.tools.length, 3);
});

test('before and after placement put the distractor next to its golden tool; before is refused where BFCL scores', () => {
  const before = sameName('A', row, 42, { position: 'before_golden' });
  assert.ok(before.ok);
  assert.deepEqual(before.row.tools.map((t) => t.description), [time.description, '', weather.description]);
  assert.equal(before.row.perturbation?.metadata?.['position'], 'before_golden');
  const after = sameName('A', bfclRow, 42, { position: 'after_golden', count: 'per_golden' });
  assert.ok(after.ok);
  assert.deepEqual(after.row.tools.map((t) => t.description), [time.description, weather.description, '']);
  const refused = sameName('A', bfclRow, 42, { position: 'before_golden' });
  assert.match(!refused.ok ? refused.reason : '', /BFCL checks the call against/);
});

test('C, D and E fall back to another golden tool, and skip when no tool has different parameters', () => {
  const result = sameName('C', { ...both, eval_config: { method: 'exact_match' } }, 1, { position: 'before_golden' });
  assert.ok(result.ok);
  assert.deepEqual(result.row.tools.map((t) => t.name), ['get_weather', 'get_weather', 'get_time', 'get_time']);
  assert.deepEqual(result.row.tools[0]!.parameters, time.parameters);
  assert.deepEqual(result.row.tools[2]!.parameters, weather.parameters);

  const alone = makeRow({ tools: [weather], golden: [{ name: 'get_weather', parameters: { city: ['Lisbon'] } }] });
  const skipped = sameName('E', alone, 1);
  assert.equal(skipped.ok, false);
  assert.match(!skipped.ok ? skipped.reason : '', /no other tool with different parameters/);
  const twin = makeRow({ tools: [weather, { ...weather, name: 'get_forecast' }], golden: alone.golden_answers });
  assert.equal(sameName('D', twin, 1).ok, false, 'a donor with the very same parameters is no distractor');
});

test('one distractor per distinct golden tool, even when the golden answers call it twice', () => {
  const parallel = makeRow({
    tools: [weather],
    golden: [{ name: 'get_weather', parameters: { city: ['Lisbon'] } }, { name: 'get_weather', parameters: { city: ['Porto'] } }],
  });
  const result = sameName('B', parallel, 3, { count: 'per_golden' });
  assert.ok(result.ok);
  assert.equal(result.row.tools.length, 2);
});

test('rows without a golden call, or whose golden tool is missing, are skipped', () => {
  assert.equal(sameName('A', makeRow({ golden: [] }), 1).ok, false);
  const missing = sameName('A', makeRow({ golden: [{ name: 'nope', parameters: {} }] }), 1);
  assert.match(!missing.ok ? missing.reason : '', /golden tool nope is not in the tool list/);
});
