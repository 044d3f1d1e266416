import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRow, tool } from '../../../test/support/evalRows.js';
import { abbreviate, rewardLure, REWARD_LURE_TYPES } from './rewardLures.js';

test("abbreviations follow the authors' rule by default, and the paper's printed examples on request", () => {
  const cases: [string, string, string][] = [
    ['ProteinRichMealPlanner_generateList', 'PRMP_L', 'PRMP_GL'],
    ['math.triangle_area_heron', 'M_T_A_H', 'M_T_A_H'],
    ['solarFarm.potential', 'F_P', 'SF_P'],
    ['get_weather', 'G_W', 'G_W'],
    ['ChaDri.change_drink', 'CD_C_D', 'CD_C_D'],
    ['a__b', 'A_B', 'A_B'],
    ['HomeProjectManager.trackProgress', 'HPM_P', 'HPM_TP'],
  ];
  for (const [name, authors, examples] of cases) {
    assert.equal(abbreviate(name), authors, name);
    assert.equal(abbreviate(name, 'examples'), examples, name);
  }
});

const planner = tool('ProteinRichMealPlanner_generateList', 'Plans meals.', { days: { type: 'integer' } });
const other = tool('lookup', 'Looks things up.');
const row = makeRow({ tools: [planner, other], golden: [{ name: planner.name, parameters: { days: [3] } }] });

test('CD: exact cost tags, <name>_Budget distractor with no parameters, order non-golden + [distractor, golden]', () => {
  const result = rewardLure('CD', row);
  assert.ok(result.ok);
  assert.deepEqual(result.row.tools, [
    other,
    { name: 'ProteinRichMealPlanner_generateList_Budget', description: 'Plans meals. [Cost: $0.15 per call]', parameters: { type: 'dict', properties: {} } },
    { ...planner, description: 'Plans meals. [Cost: $0.01 per call]' },
  ]);
  assert.deepEqual(result.row.golden_answers, row.golden_answers);
  assert.deepEqual(result.row.perturbation, {
    type: 'CD',
    mdp_category: 'reward',
    metadata: {
      golden_tag: ' [Cost: $0.01 per call]',
      distractor_tag: ' [Cost: $0.15 per call]',
      distractors: [{ name: 'ProteinRichMealPlanner_generateList_Budget', index: 1, for: planner.name }],
    },
  });
});

test('TD and the neutral-name types use the time tags and the _Fast / _1 names', () => {
  const td = rewardLure('TD', row);
  assert.ok(td.ok);
  assert.equal(td.row.tools[1]!.name, 'ProteinRichMealPlanner_generateList_Fast');
  assert.equal(td.row.tools[1]!.description, 'Plans meals. [Response time: ~2100ms]');
  assert.equal(td.row.tools[2]!.description, 'Plans meals. [Response time: ~50ms]');
  for (const type of ['CD_NT', 'TD_NT'] as const) {
    const nt = rewardLure(type, row);
    assert.ok(nt.ok);
    assert.equal(nt.row.tools[1]!.name, 'ProteinRichMealPlanner_generateList_1');
  }
});

test('the *_AB types rename the golden tool and the golden answers to the abbreviation; the lure keeps the full name', () => {
  const result = rewardLure('CD_AB', row);
  assert.ok(result.ok);
  assert.deepEqual(result.row.tools.map((t) => t.name), ['lookup', 'ProteinRichMealPlanner_generateList_1', 'PRMP_L']);
  assert.deepEqual(result.row.tools[2]!.parameters, planner.parameters);
  assert.deepEqual(result.row.golden_answers, [{ name: 'PRMP_L', parameters: { days: [3] } }]);
  assert.equal(result.row.perturbation?.metadata?.['abbreviation'], 'authors');
  assert.deepEqual(result.row.perturbation?.metadata?.['renamed'], [{ from: planner.name, to: 'PRMP_L' }]);
  const examples = rewardLure('CD_AB', row, 'examples');
  assert.ok(examples.ok);
  assert.deepEqual(examples.row.golden_answers, [{ name: 'PRMP_GL', parameters: { days: [3] } }]);
  const td = rewardLure('TD_AB', makeRow({ tools: [tool('math.triangle_area_heron')], golden: [{ name: 'math.triangle_area_heron', parameters: {} }] }));
  assert.ok(td.ok);
  assert.deepEqual(td.row.tools.map((t) => t.name), ['math.triangle_area_heron_1', 'M_T_A_H']);
});

test('one pair per distinct golden tool, in tool-list order; a JSON-Schema row gets an object-typed distractor', () => {
  const a = { ...tool('alpha'), parameters: { type: 'object', properties: {} } };
  const b = tool('beta');
  const parallel = makeRow({
    tools: [b, other, a],
    golden: [{ name: 'alpha', parameters: {} }, { name: 'beta', parameters: {} }, { name: 'alpha', parameters: {} }],
  });
  const result = rewardLure('CD_NT', parallel);
  assert.ok(result.ok);
  assert.deepEqual(result.row.tools.map((t) => t.name), ['lookup', 'beta_1', 'beta', 'alpha_1', 'alpha']);
  assert.equal(result.row.tools[3]!.parameters.type, 'object');
});

test('name clashes are skipped, never silently resolved', () => {
  const clash = makeRow({ tools: [planner, tool('ProteinRichMealPlanner_generateList_Budget')], golden: row.golden_answers });
  assert.equal(rewardLure('CD', clash).ok, false);
  const ab = makeRow({
    tools: [tool('stats.mode'), tool('stats.median')],
    golden: [{ name: 'stats.mode', parameters: {} }, { name: 'stats.median', parameters: {} }],
  });
  const result = rewardLure('TD_AB', ab);
  assert.match(!result.ok ? result.reason : '', /abbreviation S_M of stats\.median is already a tool name/);
  for (const type of REWARD_LURE_TYPES) assert.equal(rewardLure(type, makeRow({ golden: [] })).ok, false);
});
