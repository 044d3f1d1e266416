import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRow, tool } from '../../../test/support/evalRows.js';
import { rewardLure } from './rewardLures.js';
import { sameName } from './sameName.js';
import { realisticTypos } from './realisticTypos.js';

const simple = { ...makeRow({ tools: [tool('get_weather')] }), eval_config: { method: 'bfcl_ast', category: 'simple_javascript' } };

test('adding tools to a row BFCL scores by its first tool moves it to the multiple rule, and says so', () => {
  const result = rewardLure('CD', simple);
  assert.ok(result.ok);
  assert.deepEqual(result.row.eval_config, { method: 'bfcl_ast', category: 'simple_javascript_multiple' });
  assert.deepEqual(result.row.perturbation?.metadata?.['eval_category'], { from: 'simple_javascript', to: 'simple_javascript_multiple' });
  assert.deepEqual(simple.eval_config, { method: 'bfcl_ast', category: 'simple_javascript' }, 'the clean row is untouched');
});

test('rows already scored by name, rows of other methods and perturbations that add no tool keep their scoring', () => {
  for (const category of ['multiple', 'parallel', 'live_parallel_multiple']) {
    const result = sameName('B', { ...simple, eval_config: { method: 'bfcl_ast', category } }, 1);
    assert.ok(result.ok);
    assert.equal(result.row.eval_config.category, category);
    assert.equal(result.row.perturbation?.metadata?.['eval_category'], undefined);
  }
  const plain = rewardLure('TD', { ...simple, eval_config: { method: 'exact_match' } });
  assert.ok(plain.ok);
  assert.deepEqual(plain.row.eval_config, { method: 'exact_match' });
  const typos = realisticTypos(simple, 3);
  assert.ok(typos.ok);
  assert.equal(typos.row.eval_config, simple.eval_config);
});
