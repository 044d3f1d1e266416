import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectProblems, readBfclScoreFile } from '../../formats/index.js';
import { compareWithBfclScore, scoreBfclCategory } from './run.js';

const lines = (...rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
const fn = { name: 'area', description: '', parameters: { type: 'dict', properties: { r: { type: 'array', items: { type: 'float' } } }, required: ['r'] } };

async function withDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'bfcl-run-'));
  try {
    await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('a category is skipped, with the reason, when its files are missing or it is multi-turn', async () => {
  await withDir(async (dir) => {
    const { sink } = collectProblems();
    const question = join(dir, 'q.json');
    await writeFile(question, lines({ id: 'simple_python_0', question: [[]], function: [fn] }));
    const base = { resultFile: join(dir, 'r.json'), onProblem: sink };
    const noQuestions = await scoreBfclCategory({ ...base, category: 'simple_python', questionFile: join(dir, 'none.json') });
    assert.deepEqual(noQuestions, { status: 'skipped', category: 'simple_python', reason: `no question file at ${join(dir, 'none.json')}` });
    const noAnswers = await scoreBfclCategory({ ...base, category: 'simple_python', questionFile: question });
    assert.deepEqual(noAnswers, { status: 'skipped', category: 'simple_python', reason: 'no possible-answer file' });
    const multiTurn = await scoreBfclCategory({ ...base, category: 'multi_turn_base', questionFile: question });
    assert.equal(multiTurn.status === 'skipped' && multiTurn.reason, 'multi_turn_base is not a single-turn category; the AST checker does not apply');
  });
});

test('answers keep 5.0 a float, and answer changes after the run are set apart', async () => {
  await withDir(async (dir) => {
    const { problems, sink } = collectProblems();
    const files = { questionFile: join(dir, 'q.json'), answerFile: join(dir, 'a.json'), resultFile: join(dir, 'r.json') };
    await writeFile(files.questionFile, lines(...[0, 1, 2].map((i) => ({ id: `simple_python_${i}`, question: [[]], function: [fn] }))));
    // Written by hand: JSON.stringify would print 5.0 as 5, the very difference under test.
    await writeFile(files.answerFile, ['{"id": "simple_python_0", "ground_truth": [{"area": {"r": [[5.0]]}}]}', '{"id": "simple_python_1", "ground_truth": [{"area": {"r": [[2.0]]}}]}', '{"id": "simple_python_2", "ground_truth": [{"area": {"r": [[3.0]]}}]}'].join('\n'));
    await writeFile(files.resultFile, lines({ id: 'simple_python_0', result: [{ area: '{"r": [5]}' }] }, { id: 'simple_python_1', result: [{ area: '{"r": [2.0]}' }] }, { id: 'simple_python_2', result: [{ area: '{"r": [3.0]}' }] }));
    const ours = await scoreBfclCategory({ ...files, category: 'simple_python', onProblem: sink });
    assert.equal(ours.status, 'scored');
    if (ours.status !== 'scored') return;
    assert.deepEqual(ours.failed.map((f) => [f.id, f.error_type]), [['simple_python_0', 'type_error:nested']]);

    const scoreFile = join(dir, 's.json');
    await writeFile(
      scoreFile,
      lines(
        { accuracy: 1 / 3, correct_count: 1, total_count: 3 },
        { id: 'simple_python_0', valid: false, error_type: 'type_error:nested', error: ["Nested type checking failed for parameter 'r'. Expected outer type array with inner type <class 'float'>. Parameter value: [5]."], possible_answer: [{ area: { r: [[5.0]] } }] },
        { id: 'simple_python_2', valid: false, error_type: 'value_error:list/tuple', error: ['x'], possible_answer: [{ area: { r: [[4.0]] } }] },
      ),
    );
    const c = compareWithBfclScore(ours, await readBfclScoreFile(scoreFile, sink));
    assert.deepEqual(problems, []);
    assert.deepEqual(c.answerChanged, ['simple_python_2']);
    assert.equal(c.oursAdjustedCorrect, 1);
    assert.equal(c.errorMessageAgreement, 1);
    assert.equal(c.parity, true);
  });
});
