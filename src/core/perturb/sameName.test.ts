import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRow, tool } from '../../../test/support/evalRows.js';
import { sameName, SAME_NAME_VARIANTS } from './sameName.js';

const weather = tool('get_weather', 'Current weather for a city.', { city: { type: 'string' } });
const time = tool('get_time', 'Local time in a zone.', { zone: { type: 'string' }, format: { type: 'string' } });
const bfclRow = makeRow({ tools: [time, weather], golden: [{ name: 'get_weather', parameters: { city: ['Lisbon'] } }] });
/** A row scored by plain matching (not BFCL's first-tool-of-that-name lookup). */
const row = { ...bfclRow, eval_config: { method: 'exact_match' } };

test('each variant adds a same-name distractor right before the golden tool, golden tool and answers untouched', () => {
  const expected = {
    A: { description: '', parameters: { type: 'dict', properties: {}, required: [] } },
    B: { description: weather.description, parameters: { type: 'dict', properties: {}, required: [] } },
    C: { description: '', parameters: time.parameters },
    D: { description: weather.description, parameters: time.parameters },
    E: { description: time.description, parameters: time.parameters },
  };
  for (const variant of SAME_NAME_VARIANTS) {
    const result = sameName(variant, row, 42);
    assert.ok(result.ok, variant);
    const tools = result.row.tools;
    assert.deepEqual(tools.map((t) => t.name), ['get_time', 'get_weather', 'get_weather']);
    assert.deepEqual(tools[1], { name: 'get_weather', ...expected[variant] }, variant);
    assert.deepEqual(tools[2], weather, 'the real tool keeps its schema');
    assert.deepEqual(result.row.golden_answers, row.golden_answers);
    assert.deepEqual(result.row.perturbation, {
      type: `same_name_${variant}`,
      mdp_category: 'action',
      metadata: {
        position: 'before_golden',
        description_from: { A: 'empty', B: 'golden', C: 'empty', D: 'golden', E: 'donor' }[variant],
        parameters_from: { A: 'none', B: 'none', C: 'donor', D: 'donor', E: 'donor' }[variant],
        distractors: [{ name: 'get_weather', index: 1, ...('CDE'.includes(variant) ? { borrowed_from: 'get_time' } : {}) }],
      },
    });
  }
});

test('on rows BFCL scores, the distractor goes after its golden tool, since BFCL binds a name to its first tool', () => {
  for (const result of [sameName('A', bfclRow, 42), sameName('A', row, 42, 'after_golden')]) {
    assert.ok(result.ok);
    assert.deepEqual(result.row.tools[1], weather);
    assert.equal(result.row.tools[2]?.description, '');
    assert.equal(result.row.perturbation?.metadata?.['position'], 'after_golden');
  }
});

test('C, D and E fall back to another golden tool, and skip when no tool has different parameters', () => {
  const both = makeRow({
    tools: [weather, time],
    golden: [{ name: 'get_weather', parameters: { city: ['Lisbon'] } }, { name: 'get_time', parameters: { zone: ['UTC'] } }],
  });
  const result = sameName('C', both, 1, 'before_golden');
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
  const result = sameName('B', parallel, 3);
  assert.ok(result.ok);
  assert.equal(result.row.tools.length, 2);
});

test('rows without a golden call, or whose golden tool is missing, are skipped', () => {
  assert.equal(sameName('A', makeRow({ golden: [] }), 1).ok, false);
  const missing = sameName('A', makeRow({ golden: [{ name: 'nope', parameters: {} }] }), 1);
  assert.match(!missing.ok ? missing.reason : '', /golden tool nope is not in the tool list/);
});
