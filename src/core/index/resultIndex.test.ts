import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { collectProblems } from '../formats/problems.js';
import { discoverSources } from './discover.js';
import { ResultIndex, type GroupNode } from './resultIndex.js';

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
  assert.deepEqual(category.counts, { total: 4, pass: 1, fail: 3, unscored: 0 });
  assert.deepEqual(index.tree({ failuresOnly: true, text: 'lisbon' }).length, 1);
});

test('the two shared BFCL runs: per-category accuracy as BFCL scored it, and the ids that flipped', async (t) => {
  if (!existsSync(bfclResults)) return t.skip('../shared/data/bfcl-results is absent');
  const { index } = await indexOf(bfclResults);
  const runs = index.tree();
  assert.deepEqual(runs.map((r) => r.label), ['v0.10.2', 'v0.11.0']);
  const categories = (runs[1]!.children[0] as GroupNode).children as GroupNode[];
  const multiple = categories.find((c) => c.label === 'multiple')!;
  assert.deepEqual(multiple.counts, { total: 200, pass: 174, fail: 26, unscored: 0 });
  const flipped = index.entries().filter((e) => index.isFlippedBetweenRuns(e));
  assert.ok(flipped.length > 0);
  for (const e of flipped) {
    const other = index.sameCaseInOtherRuns(e);
    assert.ok(other.some((o) => o.verdict !== e.verdict), `${e.run} ${e.split} ${e.id}`);
  }
  const next = index.step(undefined, 1, { flippedBetweenRuns: true });
  assert.equal(next?.run, 'v0.10.2');
});
