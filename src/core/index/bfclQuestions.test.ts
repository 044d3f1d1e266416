import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BfclQuestionText } from './bfclQuestions.js';

const RUN = resolve('test/fixtures/bfcl-run');
const FILE = { version: 'v4', category: 'simple_python' };

test('one sample’s question, tool list and possible answer, read back from BFCL’s files', async () => {
  const questions = new BfclQuestionText([resolve('test/fixtures/bfcl-data')]);
  const { question, answer } = await questions.sample(RUN, FILE, 'demo_simple_python_0');
  assert.equal(question?.question[0]?.[0]?.content, 'Convert 12.5 kilometres to miles, rounded to 2 decimals.');
  assert.deepEqual(question?.function.map((f) => f.name), ['units.convert_distance']);
  assert.deepEqual(Object.keys(answer?.ground_truth[0] ?? {}), ['units.convert_distance']);
  assert.deepEqual(await questions.sample(RUN, FILE, 'no_such_id'), {});
  assert.deepEqual(await new BfclQuestionText().sample(RUN, FILE, 'demo_simple_python_0'), {}, 'no question file near the fixture run');
});

test('a question file without possible answers beside it still gives the question', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'robustlens-questions-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await cp(resolve('test/fixtures/bfcl-data/BFCL_v4_simple_python.json'), join(dir, 'BFCL_v4_simple_python.json'));
  const { question, answer } = await new BfclQuestionText([dir]).sample(RUN, FILE, 'demo_simple_python_1');
  assert.equal(question?.id, 'demo_simple_python_1');
  assert.equal(answer, undefined);
});

test('a question file rewritten after it was read gives nothing rather than another sample', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'robustlens-questions-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'BFCL_v4_simple_python.json');
  const line = (id: string) => `${JSON.stringify({ id, question: [[{ role: 'user', content: `question ${id}` }]], function: [] })}\n`;
  await writeFile(path, line('a') + line('b'));
  const questions = new BfclQuestionText([dir]);
  assert.equal((await questions.sample(RUN, FILE, 'b')).question?.id, 'b');
  await writeFile(path, line('b') + line('a'));
  assert.equal((await questions.sample(RUN, FILE, 'b')).question, undefined);
});
