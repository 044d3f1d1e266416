import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { discoverSources, ResultIndex } from '../index/index.js';
import { countTags, labelledSample } from './report.js';

async function fixtureEntries() {
  const index = new ResultIndex();
  for (const s of await discoverSources(resolve('test/fixtures/bfcl-run'))) await index.load(s, () => undefined);
  return index.entries();
}

test('tags are counted per category × type, × model, or in total', async () => {
  const [a, b, c] = (await fixtureEntries()).filter((e) => e.verdict === 'fail');
  const tagged = [
    { entry: a!, tags: ['value_error', 'unit_confusion'] },
    { entry: b!, tags: ['type_error'] },
    { entry: { ...c!, model: 'other-model' }, tags: ['value_error'] },
  ];
  const byType = countTags(tagged, 'type');
  assert.deepEqual(byType.columns, ['simple_python']);
  assert.deepEqual(
    byType.rows.map((r) => ({ ...r, counts: { ...r.counts } })),
    [
      { tag: 'value_error', counts: { simple_python: 2 }, total: 2 },
      { tag: 'type_error', counts: { simple_python: 1 }, total: 1 },
      { tag: 'unit_confusion', counts: { simple_python: 1 }, total: 1 },
    ],
  );
  assert.deepEqual(countTags(tagged, 'model').columns, ['demo-model', 'other-model']);
  assert.deepEqual(countTags(tagged, 'category').columns, []);
});

test('models and splits named constructor or __proto__ are counted like any other name', async () => {
  const [a, b, c] = (await fixtureEntries()).filter((e) => e.verdict === 'fail');
  const tagged = [
    { entry: { ...a!, model: 'constructor', split: '__proto__' }, tags: ['value_error'] },
    { entry: { ...b!, model: 'constructor', split: 'toString' }, tags: ['value_error', 'type_error'] },
    { entry: { ...c!, model: '__proto__', split: '__proto__' }, tags: ['value_error'] },
  ];
  const byModel = countTags(tagged, 'model');
  assert.deepEqual(byModel.columns, ['__proto__', 'constructor']);
  const cell = (table: typeof byModel, tag: string, column: string) => table.rows.find((r) => r.tag === tag)!.counts[column] ?? 0;
  assert.deepEqual([cell(byModel, 'value_error', 'constructor'), cell(byModel, 'value_error', '__proto__'), cell(byModel, 'type_error', '__proto__')], [2, 1, 0]);
  const byType = countTags(tagged, 'type');
  assert.deepEqual([cell(byType, 'value_error', '__proto__'), cell(byType, 'value_error', 'toString'), cell(byType, 'type_error', 'constructor')], [2, 1, 0]);
  assert.deepEqual(byType.rows.map((r) => r.total), [3, 1]);
});

test('an exported BFCL failure carries its prompt, the model output and the possible answer', async () => {
  const entry = (await fixtureEntries()).find((e) => e.id === 'demo_simple_python_2')!;
  const sample = await labelledSample({ entry, tags: ['type_error'], note: 'party size as a string' });
  assert.equal(sample.error_type, 'type_error:simple');
  assert.match(JSON.stringify(sample.prompt), /Casa Alma/);
  assert.match(JSON.stringify(sample.output), /restaurant_book_table/);
  assert.deepEqual(sample.golden, [{ 'restaurant.book_table': { restaurant: ['Casa Alma'], party_size: [4], date: ['2024-06-01'], time: ['19:30'] } }]);
});
