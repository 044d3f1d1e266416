import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { bfclFlips, bfclRunVerdicts } from '../../test/support/bfclScoreVerdicts.js';
import type { Report } from '../common/reportData.js';
import { bfclPercent } from '../core/report/bfclSummary.js';
import { TagStore } from '../core/tags/index.js';
import { runCompare } from './compareCommand.js';
import { runReport } from './reportCommand.js';

const RESULTS = resolve('../shared/data/bfcl-results');
const DATA = resolve('../shared/data/bfcl');
const skip = existsSync(RESULTS) && existsSync(DATA) ? false : '../shared/data (BFCL runs and data) is absent';

/** BFCL's own summary CSV: column name → the string it printed, for the one model row. */
function csvRow(file: string): Map<string, string> {
  const [header, row] = readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split(','));
  return new Map(header!.map((h, i) => [h, row![i]!]));
}

for (const run of ['v0.10.2', 'v0.11.0']) {
  test(`report ${run} --format json: every summary column of data_non_live.csv and data_live.csv, as BFCL printed it`, { skip }, async () => {
    for (const data of [undefined, DATA]) {
      const { text } = await runReport([join(RESULTS, run)], { format: 'json', seed: '42', ...(data ? { data } : {}) });
      const report = JSON.parse(text) as Report;
      assert.equal(report.runs.length, 1);
      const [only] = report.runs;
      for (const file of ['data_non_live', 'data_live']) {
        const csv = csvRow(join(RESULTS, run, 'score', `${file}.csv`));
        const columns = [...csv.keys()].filter((c) => !['Rank', 'Model'].includes(c));
        assert.ok(columns.length >= 8);
        for (const column of columns) {
          const ours = only!.bfclSummary[`${file}/${column}`];
          assert.notEqual(ours, undefined, `${file}/${column} is missing`);
          assert.equal(bfclPercent(ours!), csv.get(column), `${run} ${file}/${column} (${data ? 're-scored' : 'BFCL verdicts'})`);
        }
      }
      const sources = new Map(only!.categories.map((c) => [c.category, c.source]));
      assert.equal(sources.get('multi_turn_base'), 'bfcl-score', 'multi-turn keeps BFCL’s verdicts');
      assert.equal(sources.get('simple_python'), data ? 'robustlens' : 'bfcl-score');
    }
  });
}

test('compare v0.10.2 v0.11.0: the flipped ids per category are the ones BFCL’s score files disagree on', { skip }, async () => {
  const { comparisons } = await runCompare(join(RESULTS, 'v0.10.2'), join(RESULTS, 'v0.11.0'), {});
  assert.equal(comparisons.length, 1);
  const expected = bfclFlips(bfclRunVerdicts(join(RESULTS, 'v0.10.2')), bfclRunVerdicts(join(RESULTS, 'v0.11.0')));
  const ours = comparisons[0]!.splits;
  assert.deepEqual(ours.map((s) => s.split).sort(), [...expected.keys()].sort());
  for (const s of ours) {
    const e = expected.get(s.split)!;
    assert.deepEqual([...s.passToFail].sort(), [...e.passToFail].sort(), `${s.split} pass→fail`);
    assert.deepEqual([...s.failToPass].sort(), [...e.failToPass].sort(), `${s.split} fail→pass`);
    assert.ok(s.pValue > 0 && s.pValue <= 1);
  }
  assert.ok(ours.some((s) => s.passToFail.length + s.failToPass.length > 0));
});

test('report: tags from the journal next to the results, counted per tag, split and run', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rl-report-tags-'));
  try {
    await cp(resolve('test/fixtures/flips'), dir, { recursive: true });
    const store = new TagStore(join(dir, '.robustlens', 'tags.jsonl'), 'test');
    const sample = (run: string, split: string, n: number) => ({ run, model: 'demo-model', split, id: `bfcl_v4__BFCL_v4_simple_python__simple_python_${n}` });
    await store.add(sample('base', 'CD', 1), 'wrong_tool');
    await store.add(sample('base', 'CD', 2), 'wrong_tool');
    await store.add(sample('tuned', 'CD', 0), 'wrong_tool');
    await store.add(sample('tuned', 'clean', 2), 'no_call');
    const { text } = await runReport([dir], { format: 'json', seed: '42' });
    const report = JSON.parse(text) as Report;
    assert.deepEqual(report.tags, [
      { tag: 'wrong_tool', run: 'base', model: 'demo-model', split: 'CD', count: 2 },
      { tag: 'wrong_tool', run: 'tuned', model: 'demo-model', split: 'CD', count: 1 },
      { tag: 'no_call', run: 'tuned', model: 'demo-model', split: 'clean', count: 1 },
    ]);
    const { text: md } = await runReport([dir], { format: 'md', seed: '42' });
    assert.match(md, /\| wrong_tool \| demo-model \| base \| CD \| 2 \|/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
