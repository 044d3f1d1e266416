// `robustlens score` (and the readers, model layer and perturbations under it) over the hostile
// corpus in test/fixtures/hostile/: each file's expected outcome is in that folder's README.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { collectProblems, type Problem, readEvalRows } from '../formats/index.js';
import { readCallObject } from '../model/callObject.js';
import { parseToolCallText } from '../model/toolCallText.js';
import { perturbDataset } from '../perturb/index.js';
import type { EvalRow } from '../schema/index.js';
import { type AccuracyRow, scorePredictionFile, scoreRecord } from './index.js';

const fixture = (name: string) => resolve('test/fixtures/hostile', name);

async function score(name: string): Promise<{ rows: AccuracyRow[]; problems: Array<Omit<Problem, 'file'>> }> {
  const { problems, sink } = collectProblems();
  const rows = await scorePredictionFile(fixture(name), sink);
  for (const p of problems) assert.equal(p.file, fixture(name), 'every problem names the file');
  return { rows, problems: problems.map(({ line, severity, message }) => ({ line, severity, message })) };
}

/** Total, correct and failed ids with their error types, over all rows. */
function tally(rows: AccuracyRow[]): { total: number; correct: number; failed: string[] } {
  return {
    total: rows.reduce((n, r) => n + r.total, 0),
    correct: rows.reduce((n, r) => n + r.correct, 0),
    failed: rows.flatMap((r) => r.failed.map((f) => `${f.id} ${f.error_type}`)),
  };
}

async function readRows(name: string): Promise<EvalRow[]> {
  const rows: EvalRow[] = [];
  for await (const { value } of readEvalRows(name, () => assert.fail('the row reads without problems'))) rows.push(value);
  return rows;
}

test('deep JSON in a tool call: that line is a problem, the rest are scored', async () => {
  const { rows, problems } = await score('deep-tool-call.jsonl');
  assert.deepEqual(tally(rows), { total: 2, correct: 2, failed: [] });
  assert.deepEqual(problems, [{ line: 2, severity: 'error', message: 'nested deeper than 100 levels; skipped' }]);
});

test('a deep model answer is a parse error of that answer, in prompt mode and as native arguments', async () => {
  const text = await readFile(fixture('deep-model-answer.txt'), 'utf8');
  const parsed = parseToolCallText(text);
  assert.deepEqual(parsed.calls, []);
  assert.equal(parsed.errors.length, 1);
  assert.match(parsed.errors[0]!, /^not JSON \(JSON nested deeper than 100 levels\)/);
  const args = text.slice(text.indexOf('{"city"'), text.lastIndexOf('}}') + 1);
  const native = readCallObject({ function: { name: 'get_weather', arguments: args } });
  assert.equal(typeof native, 'string');
  assert.match(native as string, /^get_weather: the arguments are not JSON \(JSON nested deeper than 100 levels\)/);
});

test('an extra argument named __proto__ makes a call wrong, under BFCL and under exact matching', async () => {
  const { rows, problems } = await score('proto-argument.jsonl');
  assert.deepEqual(tally(rows), {
    total: 2,
    correct: 0,
    failed: ['proto_arg_bfcl simple_function_checker:unexpected_param', 'proto_arg_exact match:unexpected_param'],
  });
  assert.match(rows[0]!.failed[0]!.explanation!, /unexpected parameter "__proto__"/);
  assert.deepEqual(problems, []);
});

test('a golden parameter named __proto__ is a parameter: scored as one, and kept through perturb', async () => {
  const [row] = await readRows(fixture('proto-golden.jsonl'));
  assert.deepEqual(Object.entries(row!.golden_answers[0]!.parameters), [
    ['target', ['config']],
    ['__proto__', ['defaults']],
  ]);
  const call = (parameters: string) => ({ raw_output: '', tool_calls: [{ name: 'reset', parameters: JSON.parse(parameters) as Record<string, string> }], error: null });
  assert.deepEqual(scoreRecord(row!, call('{"target": "config", "__proto__": "defaults"}')), { correct: true });
  assert.equal(scoreRecord(row!, call('{"target": "config"}')).error_type, 'simple_function_checker:missing_required');
  assert.equal(scoreRecord(row!, call('{"target": "config", "__proto__": "other"}')).error_type, 'value_error:string');

  const outDir = await mkdtemp(join(tmpdir(), 'robustlens-hostile-'));
  const types = ['same_name_A', 'CD', 'TD_AB'] as const;
  const manifest = await perturbDataset({ inputs: [fixture('proto-golden.jsonl')], outDir, types, seed: 7, toolVersion: 'test', onProblem: (p) => assert.fail(p.message) });
  for (const type of types) {
    assert.equal(manifest.counts[type]?.written, 1, `${type} writes its row`);
    const [perturbed] = await readRows(join(outDir, `${type}.jsonl`));
    const golden = perturbed!.golden_answers[0]!;
    assert.ok(Object.hasOwn(golden.parameters, '__proto__'), `${type} keeps the __proto__ parameter`);
    assert.deepEqual(golden.parameters['__proto__'], ['defaults']);
    const tool = perturbed!.tools.find((t) => t.name === golden.name)!;
    assert.ok(tool.parameters.properties && Object.hasOwn(tool.parameters.properties, '__proto__'), `${type} keeps the tool's __proto__ property`);
  }
});

test('integers beyond 2^53 are reported where they are read; digits in strings are not numbers', async () => {
  const { rows, problems } = await score('big-integer.jsonl');
  assert.deepEqual(tally(rows), { total: 2, correct: 2, failed: [] });
  assert.deepEqual(problems, [{ line: 2, severity: 'warning', message: 'integers 9007199254740993, 9007199254740992 cannot be compared exactly; its verdict may be wrong' }]);
});

test('a case recorded twice counts once, the later record, and the repeat is reported', async () => {
  const { rows, problems } = await score('duplicates.jsonl');
  assert.deepEqual(tally(rows), { total: 2, correct: 1, failed: ['dup_a value_error:string'] });
  assert.deepEqual(problems, [{ line: 2, severity: 'warning', message: 'duplicate of line 1 (same run, model, split and id "dup_a"); only this later record counts' }]);
});

test('a golden answer of the wrong shape is unscorable, not the model failing', async () => {
  const { rows, problems } = await score('wrong-shape-golden.jsonl');
  assert.deepEqual(tally(rows), { total: 1, correct: 1, failed: [] });
  assert.deepEqual(problems, [
    { line: 2, severity: 'error', message: 'golden answer get_weather: parameter "city" is "Lisbon", not a list of allowed values (BFCL form); not scored' },
  ]);
});
