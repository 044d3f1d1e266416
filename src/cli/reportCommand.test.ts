import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bfclFlips, bfclRunVerdicts } from '../../test/support/bfclScoreVerdicts.js';
import type { Report } from '../common/reportData.js';
import { bfclPercent } from '../core/report/index.js';
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
