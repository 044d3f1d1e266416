import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bfclFlips, bfclRunVerdicts } from '../../../test/support/bfclScoreVerdicts.js';
import { makeRow } from '../../../test/support/evalRows.js';
import { collectProblems, findBfclRunFiles, foldedMessage, foldProblems, type Problem, readBfclScoreFile } from '../formats/index.js';
import { MULTI_TURN_NOTE } from './loadSources.js';
import type { EvalRow } from '../schema/index.js';
import { BfclQuestionText } from './bfclQuestions.js';
import { discoverSources } from './discover.js';
import type { SampleScope } from '../../common/reportData.js';
import type { IndexEntry } from './entries.js';
import { describeFilter, ResultIndex, shortSampleLabel, type GroupNode } from './resultIndex.js';

const bfclResults = resolve('../shared/data/bfcl-results');

async function indexOf(root: string): Promise<{ index: ResultIndex; problems: unknown[] }> {
  const index = new ResultIndex();
  const { problems, sink } = collectProblems();
  for (const source of await discoverSources(root)) await index.load(source, sink);
  return { index, problems };
}

test('a BFCL run folder is listed run → model → category with BFCL’s verdicts', async () => {
  const { index, problems } = await indexOf(resolve('test/fixtures/bfcl-run'));
  assert.deepEqual(problems, []);
  const [run] = index.tree();
  assert.equal(run?.label, 'bfcl-run');
  const category = (run?.children[0] as GroupNode).children[0] as GroupNode;
  assert.equal(category.label, 'simple_python');
  assert.deepEqual(category.counts, { total: 4, pass: 1, fail: 3, unscored: 0, cleanPass: 0, cleanFail: 0 });
  assert.deepEqual(index.tree({ failuresOnly: true, text: 'lisbon' }).length, 1);
});

test('the two shared BFCL runs: every category, multi-turn included, with exactly the accuracy of BFCL\'s score file; one problem per file and kind', async (t) => {
  if (!existsSync(bfclResults)) return t.skip('../shared/data/bfcl-results is absent');
  const { index, problems } = await indexOf(bfclResults);
  const runs = index.tree();
  assert.deepEqual(runs.map((r) => r.label), ['v0.10.2', 'v0.11.0']);
  const categories = (runs[1]!.children[0] as GroupNode).children as GroupNode[];
  const multiple = categories.find((c) => c.label === 'multiple')!;
  assert.deepEqual(multiple.counts, { total: 200, pass: 174, fail: 26, unscored: 0, cleanPass: 0, cleanFail: 0 });
  let compared = 0;
  for (const run of runs) {
    for (const model of run.children as GroupNode[]) {
      for (const category of model.children as GroupNode[]) {
        const scoreFile = (await findBfclRunFiles(join(bfclResults, run.label))).find((f) => f.category === category.label && f.scoreFile)?.scoreFile;
        if (!scoreFile) continue;
        const { header } = await readBfclScoreFile(scoreFile, () => undefined);
        assert.deepEqual([category.counts.pass, category.counts.total], [header!.correct_count, header!.total_count], `${run.label} ${category.label}`);
        compared++;
      }
    }
  }
  // 16 categories in each run, every one with its score file.
  assert.equal(compared, 2 * 16);
  const multiTurn = index.entries().filter((e) => e.split.startsWith('multi_turn'));
  assert.equal(multiTurn.length, 2 * 3 * 200);
  assert.ok(multiTurn.every((e) => e.explanation === MULTI_TURN_NOTE));
  // The runs repeat one warning (integers beyond 2^53) on many lines of a file: folded, one entry per file and kind.
  const folded = foldProblems(problems as Problem[]);
  assert.ok(problems.length > folded.length, `${problems.length} problems fold into ${folded.length}`);
  const keys = folded.map((p) => `${p.file} ${p.kind ?? p.message}`);
  assert.equal(new Set(keys).size, keys.length);
  assert.ok(folded.every((p) => p.kind !== 'summary-mismatch'));
  const inexact = folded.find((p) => p.kind === 'inexact-integer' && p.count > 1)!;
  assert.match(foldedMessage(inexact), new RegExp(`\\(and ${inexact.count - 1} more like it on lines ${inexact.moreLines.slice(0, 5).join(', ')}`));
});

test('the shared BFCL runs: "differs between runs" is exactly the ids whose verdict BFCL’s score files disagree on', async (t) => {
  if (!existsSync(bfclResults)) return t.skip('../shared/data/bfcl-results is absent');
  const { index } = await indexOf(bfclResults);
  const expected = new Set<string>();
  for (const [category, { passToFail, failToPass }] of bfclFlips(bfclRunVerdicts(join(bfclResults, 'v0.10.2')), bfclRunVerdicts(join(bfclResults, 'v0.11.0')))) {
    for (const id of [...passToFail, ...failToPass]) for (const run of ['v0.10.2', 'v0.11.0']) expected.add(`${run}/${category}/${id}`);
  }
  const flagged = new Set(index.entries().filter((e) => index.isFlippedBetweenRuns(e)).map((e) => `${e.run}/${e.split}/${e.id}`));
  assert.ok(expected.size > 20, `only ${expected.size} flips`);
  assert.deepEqual([...flagged].sort(), [...expected].sort());
  const next = index.step(undefined, 1, { flippedBetweenRuns: true });
  assert.equal(next?.run, 'v0.10.2');
});

test('flips on a small fixture: hand-listed, from clean and between two runs of one model', async () => {
  const { index, problems } = await indexOf(resolve('test/fixtures/flips'));
  assert.deepEqual(problems, []);
  const id = (n: number) => `bfcl_v4__BFCL_v4_simple_python__simple_python_${n}`;
  const listed = (predicate: (e: IndexEntry) => boolean) => index.entries().filter(predicate).map((e) => `${e.run} ${e.split} ${e.id}`).sort();
  // base: clean 0 1 2 pass; CD 0 pass, 1 and 2 take the _Budget lure. tuned: clean 2 makes no call;
  // CD 0 takes the lure, 1 resists it, 2 takes it.
  assert.deepEqual(listed((e) => index.isFlippedFromClean(e)), [`base CD ${id(1)}`, `base CD ${id(2)}`, `tuned CD ${id(0)}`]);
  assert.deepEqual(listed((e) => index.isFlippedBetweenRuns(e)), [`base CD ${id(0)}`, `base CD ${id(1)}`, `base clean ${id(2)}`, `tuned CD ${id(0)}`, `tuned CD ${id(1)}`, `tuned clean ${id(2)}`].sort());
  assert.deepEqual(
    index.tree({ flippedOnly: true }).map((r) => `${r.label} ${r.counts.total}`),
    ['base 2', 'tuned 1'],
  );
});

test('a report scope filters to exactly the samples behind a figure', async () => {
  const { index } = await indexOf(resolve('test/fixtures/flips'));
  const id = (n: number) => `bfcl_v4__BFCL_v4_simple_python__simple_python_${n}`;
  const listed = (scope: SampleScope) => index.entries().filter((e) => index.matches(e, { scope })).map((e) => `${e.run} ${e.split} ${e.id}`);
  const base = { run: 'base', model: 'demo-model' };
  assert.deepEqual(listed({ runs: [base], component: 'reward', label: 'base · reward' }), [0, 1, 2].map((n) => `base CD ${id(n)}`));
  assert.deepEqual(listed({ runs: [base], split: 'clean', label: 'base · clean' }), [0, 1, 2].map((n) => `base clean ${id(n)}`));
  assert.deepEqual(listed({ runs: [base, { run: 'tuned', model: 'demo-model' }], split: 'CD', ids: [id(1)], label: 'CD flips' }), [`base CD ${id(1)}`, `tuned CD ${id(1)}`]);
  assert.deepEqual(listed({ runs: [{ run: 'base', model: 'other' }], label: 'no such model' }), []);
  const [run] = index.tree({ scope: { runs: [base], component: 'reward', label: '' } });
  assert.deepEqual(run!.counts, { total: 3, pass: 1, fail: 2, unscored: 0, cleanPass: 0, cleanFail: 0 });
});

test('a prediction file is listed run → model → component → split, clean samples right under "clean", each counted once', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rl-index-'));
  try {
    const predicted = (row: EvalRow, correct: boolean) => ({ ...row, prediction: { raw_output: '', tool_calls: [], error: null }, model: 'm', run: 'r', score: { correct } });
    const clean = [makeRow({ id: 'a' }), makeRow({ id: 'b' })];
    const typos = clean.map((row) => ({ ...row, perturbation: { type: 'realistic_typos', mdp_category: 'observation' as const } }));
    const records = [predicted(clean[0]!, true), predicted(clean[1]!, false), predicted(typos[0]!, false), predicted(typos[1]!, false)];
    await writeFile(join(dir, 'm.jsonl'), records.map((r) => `${JSON.stringify(r)}\n`).join(''));
    const { index, problems } = await indexOf(dir);
    assert.deepEqual(problems, []);
    const model = index.tree()[0]!.children[0] as GroupNode;
    assert.deepEqual(model.counts, { total: 4, pass: 1, fail: 3, unscored: 0, cleanPass: 1, cleanFail: 1 });
    const [cleanNode, observation] = model.children as GroupNode[];
    assert.equal(cleanNode!.label, 'clean');
    assert.deepEqual(cleanNode!.counts, { total: 2, pass: 1, fail: 1, unscored: 0, cleanPass: 1, cleanFail: 1 });
    assert.deepEqual(cleanNode!.children.map((c) => c.kind), ['entry', 'entry']);
    assert.deepEqual(observation!.children.map((c) => (c as GroupNode).label), ['realistic_typos']);
    assert.deepEqual(observation!.counts, { total: 2, pass: 0, fail: 2, unscored: 0, cleanPass: 0, cleanFail: 0 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a filter in words, for the view\'s description: only what is on, in a fixed order', () => {
  assert.equal(describeFilter({}), '');
  assert.equal(describeFilter({ failuresOnly: false, text: '' }), '');
  assert.equal(describeFilter({ tag: 'wrong-tool', text: 'weather', failuresOnly: true }), 'search "weather" · failures only · tag "wrong-tool"');
  assert.equal(describeFilter({ flippedOnly: true, flippedBetweenRuns: true }), 'flipped from clean · differs between runs');
});

test('text search finds passing BFCL samples too: the question text comes from BFCL\'s question files', async (t) => {
  if (!existsSync(bfclResults)) return t.skip('../shared/data/bfcl-results is absent');
  // Found near the runs (../shared/data/bfcl beside ../shared/data/bfcl-results), with no setting.
  const { index } = await indexOf(bfclResults);
  const weather = index.entries().filter((e) => index.matches(e, { text: 'weather' }));
  const passingLiveSimple = weather.filter((e) => e.split === 'live_simple' && e.verdict === 'pass');
  assert.ok(passingLiveSimple.length >= 5, `${passingLiveSimple.length} passing live_simple weather samples`);
  assert.ok(passingLiveSimple.every((e) => /weather/i.test(e.prompt)));
});

test('BFCL question text: from the folders the user names, and none when no question file is found', async () => {
  const fixtureRun = resolve('test/fixtures/bfcl-run');
  const without = await indexOf(fixtureRun);
  const passing = without.index.entries().filter((e) => e.verdict === 'pass');
  assert.ok(passing.length > 0 && passing.every((e) => e.prompt === ''), 'no question file near the fixture run');
  const index = new ResultIndex();
  const questions = new BfclQuestionText([resolve('test/fixtures/bfcl-data')]);
  for (const source of await discoverSources(fixtureRun)) await index.load(source, () => undefined, { questions });
  const first = index.entries().find((e) => e.id === 'demo_simple_python_0')!;
  assert.equal(first.verdict, 'pass');
  assert.equal(first.prompt, 'Convert 12.5 kilometres to miles, rounded to 2 decimals.');
  assert.deepEqual(index.entries().filter((e) => index.matches(e, { text: 'kilometres' })).map((e) => e.id), ['demo_simple_python_0']);
});

test('sample labels drop the benchmark and category their group names; the id stays whole elsewhere', () => {
  assert.equal(shortSampleLabel('bfcl_v4__BFCL_v4_multiple__multiple_0'), 'multiple_0');
  assert.equal(shortSampleLabel('toolrl__rlla_sft__17'), 'rlla_sft 17');
  assert.equal(shortSampleLabel('live_simple_13-3-9'), 'live_simple_13-3-9');
  assert.equal(shortSampleLabel('hostile_0'), 'hostile_0');
  assert.equal(shortSampleLabel('a____'), 'a____');
});
