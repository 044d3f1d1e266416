import { test } from 'node:test';
import assert from 'node:assert/strict';
import { componentOf, evalRow, predictionRecord, splitOf } from './case.js';

const officialStyleRow = {
  id: 'bfcl_v3__BFCL_v3_multiple__multiple_193',
  benchmark: 'bfcl_v3',
  category: 'BFCL_v3_multiple',
  source: '{"original_id":"multiple_193","benchmark":"bfcl_v3","file":"source.json","extra":{}}',
  conversation: '[{"role":"user","content":"What is 2+2?"}]',
  tools: [{ name: 'calc.add', description: 'Add', parameters: '{"type":"dict","properties":{"a":{"type":"integer"}},"required":["a"]}' }],
  golden_answers: [{ name: 'calc.add', parameters: '{"a":[2]}' }],
  eval_config: { method: 'bfcl_ast', category: 'multiple' },
  perturbation: '{"mdp_category":"reward","type":"CD"}',
};

test('eval rows accept JSON-encoded string fields as the official release writes them', () => {
  const row = evalRow.parse(officialStyleRow);
  assert.equal(row.conversation[0]?.content, 'What is 2+2?');
  assert.deepEqual(row.tools[0]?.parameters.required, ['a']);
  assert.deepEqual(row.golden_answers[0]?.parameters, { a: [2] });
  assert.equal(splitOf(row), 'CD');
  assert.equal(row.source?.['original_id'], 'multiple_193');
});

test('a clean row has split "clean" and unknown keys survive a round trip', () => {
  const row = evalRow.parse({ ...officialStyleRow, perturbation: null, extra_field: 1 });
  assert.equal(splitOf(row), 'clean');
  assert.equal((row as Record<string, unknown>)['extra_field'], 1);
});

test('a JSON string that does not parse is reported with its path', () => {
  const result = evalRow.safeParse({ ...officialStyleRow, conversation: '[{"role":' });
  assert.equal(result.success, false);
  assert.match(String(result.error?.issues[0]?.path), /conversation/);
});

test('prediction records need a prediction and default its fields', () => {
  const rec = predictionRecord.parse({ ...officialStyleRow, prediction: { raw_output: '[calc.add(a=2)]' } });
  assert.deepEqual(rec.prediction.tool_calls, []);
  assert.equal(rec.prediction.error, null);
  assert.equal(predictionRecord.safeParse(officialStyleRow).success, false);
});

test('mdp categories map onto the four components', () => {
  assert.equal(componentOf('observation'), 'observation');
  assert.equal(componentOf('reward_multi_turn_test'), 'reward');
  assert.equal(componentOf('other'), undefined);
});
