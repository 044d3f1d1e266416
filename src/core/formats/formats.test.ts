import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findBfclRunFiles, parseBfclFileName, readBfclPossibleAnswers, readBfclQuestions, readBfclResults, readBfclScoreFile } from './bfcl.js';
import { collectProblems } from './problems.js';
import { bfclToEvalRow, JsonlAppender, readEvalRows, readPredictionRecords } from './robustbench.js';
import { evalRow } from '../schema/index.js';

const fixtures = resolve('test/fixtures');
const questionsFile = join(fixtures, 'bfcl-data/BFCL_v4_simple_python.json');

async function damaged(name: string, transform: (text: string) => string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rl-formats-'));
  const file = join(dir, name);
  await writeFile(file, transform(await readFile(questionsFile, 'utf8')));
  return file;
}

test('BFCL file names give version, category and kind', () => {
  assert.deepEqual(parseBfclFileName('/x/BFCL_v4_live_multiple_result.json'), { version: 'v4', category: 'live_multiple', kind: 'result' });
  assert.deepEqual(parseBfclFileName('BFCL_v4_simple_python_score.json'), { version: 'v4', category: 'simple_python', kind: 'score' });
  assert.deepEqual(parseBfclFileName('BFCL_v3_parallel_multiple.json'), { version: 'v3', category: 'parallel_multiple', kind: 'question' });
  assert.equal(parseBfclFileName('data_overall.csv'), undefined);
});

test('a UTF-8 BOM and CRLF line ends are handled', async () => {
  const file = await damaged('BFCL_v4_simple_python.json', (t) => `\uFEFF${t.replace(/\n/g, '\r\n')}`);
  const { problems, sink } = collectProblems();
  const questions = await readBfclQuestions(file, sink);
  assert.deepEqual(problems, []);
  assert.equal(questions.size, 4);
  assert.equal(questions.get('demo_simple_python_0')?.line, 1);
});

test('a malformed line and a truncated last line are problems with file:line; the rest loads', async () => {
  const file = await damaged('BFCL_v4_simple_python.json', (t) => {
    const lines = t.trimEnd().split('\n');
    lines.splice(1, 0, '{"id": "broken", "question": [[{"role": "user", ');
    lines[lines.length - 1] = lines[lines.length - 1]!.slice(0, 60);
    return `${lines.join('\n')}`;
  });
  const { problems, sink } = collectProblems();
  const questions = await readBfclQuestions(file, sink);
  assert.deepEqual([...questions.keys()], ['demo_simple_python_0', 'demo_simple_python_1', 'demo_simple_python_2']);
  assert.deepEqual(problems.map((p) => [p.file, p.line, p.severity]), [[file, 2, 'error'], [file, 5, 'error']]);
  assert.match(problems[0]!.message, /not valid JSON/);
});

test('a line of the wrong shape names the field that is wrong', async () => {
  const file = await damaged('BFCL_v4_simple_python.json', (t) => t.replace('"question": [[', '"question": [["oops", '));
  const { problems, sink } = collectProblems();
  const questions = await readBfclQuestions(file, sink);
  assert.equal(questions.size, 3);
  assert.equal(problems[0]?.line, 1);
  assert.match(problems[0]!.message, /not a valid BFCL question: question\.0\.0/);
});

test('a missing file is one problem, not a crash', async () => {
  const { problems, sink } = collectProblems();
  const results = await readBfclResults('/nonexistent/BFCL_v4_x_result.json', sink);
  assert.equal(results.size, 0);
  assert.equal(problems[0]?.line, 0);
  assert.match(problems[0]!.message, /cannot read file/);
});

test('a BFCL run folder pairs each result file with its score file', async () => {
  const files = await findBfclRunFiles(join(fixtures, 'bfcl-run'));
  assert.equal(files.length, 1);
  assert.equal(files[0]?.model, 'demo-model');
  assert.equal(files[0]?.category, 'simple_python');
  assert.match(files[0]?.scoreFile ?? '', /BFCL_v4_simple_python_score\.json$/);
});

test('score files: line 1 is the summary, the rest are failures', async () => {
  const { problems, sink } = collectProblems();
  const score = await readBfclScoreFile(join(fixtures, 'bfcl-run/score/demo-model/non_live/BFCL_v4_simple_python_score.json'), sink);
  assert.deepEqual(problems, []);
  assert.equal(score.header?.total_count, 4);
  assert.deepEqual([...score.failures.keys()].sort(), ['demo_simple_python_1', 'demo_simple_python_2', 'demo_simple_python_3']);
});

test('BFCL entries become clean RobustBench-TC rows that round-trip through a file', async () => {
  const { problems, sink } = collectProblems();
  const questions = await readBfclQuestions(questionsFile, sink);
  const answers = await readBfclPossibleAnswers(join(fixtures, 'bfcl-data/possible_answer/BFCL_v4_simple_python.json'), sink);
  const dir = await mkdtemp(join(tmpdir(), 'rl-rows-'));
  const out = join(dir, 'clean.jsonl');
  const appender = await JsonlAppender.open(out, { durable: true });
  for (const [id, q] of questions) {
    const row = bfclToEvalRow(q.value, answers.get(id)?.value, 'simple_python', 'v4', 'BFCL_v4_simple_python.json');
    assert.ok(evalRow.safeParse(row).success);
    await appender.append(row);
  }
  await appender.close();
  const rows = [];
  for await (const { value } of readEvalRows(out, sink)) rows.push(value);
  assert.deepEqual(problems, []);
  assert.equal(rows.length, 4);
  assert.equal(rows[0]?.id, 'bfcl_v4__BFCL_v4_simple_python__demo_simple_python_0');
  assert.deepEqual(rows[1]?.golden_answers, [{ name: 'get_weather_forecast', parameters: { city: ['Lisbon'], days_ahead: [1], unit: ['celsius', ''] } }]);
  assert.deepEqual(rows[2]?.eval_config, { method: 'bfcl_ast', category: 'simple_python' });

  const preds = [];
  for await (const { value } of readPredictionRecords(out, sink)) preds.push(value);
  assert.equal(preds.length, 0, 'an eval row without a prediction is not a prediction record');
  assert.equal(problems.length, 4);
});
