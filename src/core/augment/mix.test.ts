import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STATIC_TYPES } from '../perturb/index.js';
import { apportion, parseMix } from './mix.js';

test('mix: uniform and full weigh the 16 static types alike; components give each component a third', () => {
  for (const name of ['uniform', 'full']) {
    const { mix } = parseMix(name);
    assert.deepEqual([...mix.keys()], STATIC_TYPES);
    for (const share of mix.values()) assert.ok(Math.abs(share - 1 / 16) < 1e-12);
  }
  const components = parseMix('components').mix;
  assert.ok(Math.abs(components.get('realistic_typos')! - 1 / 12) < 1e-12);
  assert.ok(Math.abs(components.get('CD')! - 1 / 18) < 1e-12);
  assert.deepEqual([...parseMix('reward').mix.keys()], ['CD', 'TD', 'CD_NT', 'TD_NT', 'CD_AB', 'TD_AB']);
});

test('mix: weights per component and type add up, and unknown names are refused', () => {
  const { mix } = parseMix('reward=3, CD=1');
  assert.ok(Math.abs(mix.get('CD')! - 1.5 / 4) < 1e-12);
  assert.ok(Math.abs(mix.get('TD')! - 0.5 / 4) < 1e-12);
  assert.throws(() => parseMix('transition=1'), /not a component/);
  assert.throws(() => parseMix('CD'), /name=weight/);
  assert.throws(() => parseMix('CD=0'), /no type that can be made here a weight/);
});

test('mix: a group\'s share goes to the types of it that can be made', () => {
  const ruleOnly = STATIC_TYPES.filter((id) => !['query_paraphrase', 'paraphrase_tool_description', 'paraphrase_parameter_description'].includes(id));
  const components = parseMix('components', ruleOnly);
  assert.deepEqual(components.dropped, ['query_paraphrase', 'paraphrase_tool_description', 'paraphrase_parameter_description']);
  assert.ok(Math.abs(components.mix.get('realistic_typos')! - 1 / 3) < 1e-12);
  assert.ok(Math.abs(parseMix('uniform', ruleOnly).mix.get('CD')! - 1 / 13) < 1e-12);
  assert.throws(() => parseMix('query_paraphrase=1', ruleOnly), /no type that can be made/);
});

test('mix: apportioned counts sum to the total and each is within one of its exact share', () => {
  for (const [spec, total] of [['uniform', 399], ['components', 1000], ['observation=2,CD=1,same_name_C=0.5', 77], ['full', 3984]] as const) {
    const { mix } = parseMix(spec);
    const counts = apportion(total, mix);
    assert.equal([...counts.values()].reduce((a, b) => a + b, 0), total);
    for (const [id, share] of mix) assert.ok(Math.abs(counts.get(id)! - share * total) < 1, `${spec}: ${id}`);
  }
  // 3,984 over 16 types: 249 each, as in the paper's ToolRL-DR-Full.
  assert.deepEqual(new Set(apportion(3984, parseMix('full').mix).values()), new Set([249]));
});
