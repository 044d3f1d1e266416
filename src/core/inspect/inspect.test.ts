import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { discoverSources, ResultIndex } from '../index/index.js';
import { compareCalls } from './callDiff.js';
import { BfclQuestionText } from '../index/bfclQuestions.js';
import { buildInspectorModel, recordedColumn } from './inspectorModel.js';
import { stableJson } from './stableJson.js';

test('argument highlights: match, differs, missing, extra; golden calls marked by what met them', () => {
  const golden = [{ name: 'get_weather_forecast', parameters: { city: ['Lisbon'], days_ahead: [1], unit: ['celsius', ''] } }];
  const { golden: g, predicted: [p] } = compareCalls(golden, [{ name: 'get_weather_forecast', parameters: { city: 'lisbon', unit: 'Celsius (metric)', lang: 'pt' } }], 'bfcl');
  assert.equal(p?.status, 'wrong_args');
  assert.deepEqual(p?.args.map((a) => [a.name, a.status]), [['city', 'match'], ['unit', 'differs'], ['lang', 'extra'], ['days_ahead', 'missing']]);
  assert.equal(g[0]?.status, 'wrong_args');
  const none = compareCalls(golden, [{ name: 'get_weather_now', parameters: {} }], 'bfcl');
  assert.equal(none.predicted[0]?.status, 'extra');
  assert.equal(none.golden[0]?.status, 'missing');
});

test('function-calling names with dots replaced still pair with the golden call', () => {
  const { predicted } = compareCalls([{ name: 'math.primes_below', parameters: { bound: [30] } }], [{ name: 'math_primes_below', parameters: { bound: 30 } }], 'bfcl');
  assert.equal(predicted[0]?.status, 'match');
});

test('stable JSON sorts keys so only real changes show in a diff', () => {
  assert.equal(stableJson({ b: 1, a: { d: [2, { z: 0, y: 1 }], c: 3 } }, 0), '{"a":{"c":3,"d":[2,{"y":1,"z":0}]},"b":1}');
});

test('the inspector model of a BFCL failure shows the possible answer, the output and BFCL’s reason', async () => {
  const index = new ResultIndex();
  for (const s of await discoverSources(resolve('test/fixtures/bfcl-run'))) await index.load(s, () => undefined);
  const entry = index.entries().find((e) => e.id === 'demo_simple_python_1')!;
  const model = await buildInspectorModel(index, entry);
  assert.equal(model.verdict, 'fail');
  assert.deepEqual(model.columns.map((c) => c.label), ['Possible answer (BFCL)', 'bfcl-run · demo-model']);
  const out = model.columns[1]!;
  assert.equal(out.verdict?.errorType, 'value_error:string');
  assert.match(out.verdict?.explanation ?? '', /Invalid value for parameter 'unit'/);
  assert.equal(out.calls[0]?.args.find((a) => a.name === 'unit')?.status, 'differs');
  assert.match(model.diff?.modified.text ?? '', /Celsius \(metric\)/);
  assert.ok(model.case && 'text' in model.case, 'the failure line BFCL wrote holds the question');
  assert.match(model.case.text, /Lisbon/);
  assert.equal(model.quickRunType, 'clean');
});

test('two BFCL runs of the same id are compared side by side', async (t) => {
  const root = resolve('../shared/data/bfcl-results');
  if (!existsSync(root)) return t.skip('../shared/data/bfcl-results is absent');
  const index = new ResultIndex();
  for (const s of await discoverSources(root)) await index.load(s, () => undefined);
  const entry = index.step(undefined, 1, { flippedBetweenRuns: true })!;
  const model = await buildInspectorModel(index, entry, new BfclQuestionText());
  assert.equal(model.flippedBetweenRuns, true);
  assert.match(model.diff?.title ?? '', /v0\.10\.2 vs v0\.11\.0/);
  assert.ok(model.case && 'text' in model.case, 'the question comes from BFCL’s data folder beside the runs');
  const verdicts = model.columns.filter((c) => c.verdict).map((c) => c.verdict!.correct);
  assert.deepEqual(new Set(verdicts), new Set([true, false]));
});

async function indexOf(path: string): Promise<ResultIndex> {
  const index = new ResultIndex();
  for (const s of await discoverSources(resolve(path))) await index.load(s, () => undefined);
  return index;
}

test('a passing BFCL sample shows its question, tools and possible answer from BFCL’s data files, or says which file is missing', async () => {
  const index = await indexOf('test/fixtures/bfcl-run');
  const entry = index.entries().find((e) => e.id === 'demo_simple_python_0')!;
  assert.equal(entry.verdict, 'pass');
  const without = await buildInspectorModel(index, entry, new BfclQuestionText());
  assert.ok(without.case && 'missing' in without.case);
  assert.match(without.case.missing, /BFCL_v4_simple_python\.json was not found/);
  assert.equal(without.diff, undefined, 'nothing to compare the output with');
  const model = await buildInspectorModel(index, entry, new BfclQuestionText([resolve('test/fixtures/bfcl-data')]));
  assert.ok(model.case && 'text' in model.case);
  assert.match(model.case.text, /Convert 12\.5 kilometres/);
  assert.match(model.case.text, /units\.convert_distance/);
  assert.deepEqual(model.columns.map((c) => c.label), ['Possible answer (BFCL)', 'bfcl-run · demo-model']);
  assert.ok(model.columns[1]!.calls.every((c) => c.status === 'match'));
});

test('a clean sample shows its case once; a perturbed one the diff, judged and quick-run as its own type', async () => {
  const index = await indexOf('test/fixtures/flips');
  const clean = index.entries().find((e) => e.run === 'base' && e.id.endsWith('simple_python_1') && e.split === 'clean')!;
  const cleanModel = await buildInspectorModel(index, clean);
  assert.equal(cleanModel.diff, undefined);
  assert.ok(cleanModel.case && 'text' in cleanModel.case);
  assert.equal(cleanModel.quickRunType, 'clean');
  assert.equal(cleanModel.columns[0]?.judgedAgainst, 'Clean · demo-model');

  const cd = index.entries().find((e) => e.run === 'base' && e.id === clean.id && e.split === 'CD')!;
  const model = await buildInspectorModel(index, cd);
  assert.equal(model.case, undefined);
  assert.deepEqual([model.diff?.original.label, model.diff?.modified.label], ['clean', 'CD (perturbed)']);
  assert.equal(model.quickRunType, 'CD');
  assert.equal(model.columns[0]?.judgedAgainst, 'CD · demo-model');
  assert.equal(model.columns[0]?.calls[0]?.status, 'missing', 'the CD answer called the distractor');
});

test('a quick-run stands beside the recorded result of its own type, and of no other', async () => {
  const index = await indexOf('test/fixtures/flips');
  const cd = index.entries().find((e) => e.run === 'base' && e.id.endsWith('simple_python_1') && e.split === 'CD')!;
  const golden = [{ name: 'list_unread_messages', parameters: {} }];
  assert.equal((await recordedColumn(index, cd, 'CD', golden, 'bfcl'))?.label, 'Recorded · CD · demo-model');
  const clean = await recordedColumn(index, cd, 'clean', golden, 'bfcl');
  assert.equal(clean?.label, 'Recorded · clean · demo-model');
  assert.equal(clean?.verdict?.correct, true);
  assert.equal(await recordedColumn(index, cd, 'same_name_B', golden, 'bfcl'), undefined);
});
