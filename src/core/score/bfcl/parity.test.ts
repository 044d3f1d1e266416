import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type BfclRunFile, collectProblems, findBfclRunFiles, formatProblem, readBfclScoreFile } from '../../formats/index.js';
import { compareWithBfclScore, scoreBfclCategory } from './run.js';

/**
 * Re-scores real BFCL result files (gpt-oss-120b on two vLLM versions, BFCL commit
 * f98223a) and requires BFCL's own verdicts: same accuracy, same failed ids (less the ids
 * whose possible answer was corrected after the run), and the same error_type.
 */
const DATA = resolve(process.cwd(), '../shared/data');
const MODEL = 'openai_gpt-oss-120b';
const RUNS = ['v0.10.2', 'v0.11.0'];
const CATEGORIES = [
  'irrelevance',
  'live_irrelevance',
  'live_multiple',
  'live_parallel',
  'live_relevance',
  'live_simple',
  'multiple',
  'parallel',
  'parallel_multiple',
  'simple_javascript',
  'simple_python',
];

const runFiles = new Map<string, Promise<BfclRunFile[]>>();
function filesOf(run: string): Promise<BfclRunFile[]> {
  if (!runFiles.has(run)) runFiles.set(run, findBfclRunFiles(resolve(DATA, 'bfcl-results', run)));
  return runFiles.get(run)!;
}

for (const run of RUNS) {
  for (const category of CATEGORIES) {
    test(`BFCL parity: ${run} ${category}`, async (t) => {
      const questionFile = resolve(DATA, 'bfcl', `BFCL_v4_${category}.json`);
      if (!existsSync(questionFile)) return t.skip(`reference data absent: ${questionFile} (see ../shared/data/README.md)`);
      const files = (await filesOf(run)).find((f) => f.model === MODEL && f.category === category);
      if (!files?.scoreFile) return t.skip(`no ${run} result and score file for ${MODEL} ${category} under ${DATA}/bfcl-results`);

      const { problems, sink } = collectProblems();
      const ours = await scoreBfclCategory({
        category,
        resultFile: files.resultFile,
        questionFile,
        answerFile: resolve(DATA, 'bfcl', 'possible_answer', `BFCL_v4_${category}.json`),
        onProblem: sink,
      });
      assert.equal(ours.status, 'scored', ours.status === 'skipped' ? ours.reason : '');
      if (ours.status !== 'scored') return;
      const c = compareWithBfclScore(ours, await readBfclScoreFile(files.scoreFile, sink));
      assert.deepEqual(problems.map(formatProblem), []);

      t.diagnostic(
        `accuracy ours ${ours.correct}/${ours.total} (adjusted ${c.oursAdjustedCorrect}) vs BFCL ${c.bfcl.correct}/${c.bfcl.total}; ` +
          `failed-id diffs: ours-only ${c.onlyOursFailed.length}, BFCL-only ${c.onlyBfclFailed.length}; answer changed: ${c.answerChanged.join(', ') || 'none'}; ` +
          `error_type agreement ${(100 * c.errorTypeAgreement).toFixed(1)}% over ${c.sharedFailures}; error messages identical ${(100 * c.errorMessageAgreement).toFixed(1)}%`,
      );
      assert.deepEqual(c.onlyOursFailed, [], 'ids we fail that BFCL passed');
      assert.deepEqual(c.onlyBfclFailed, [], 'ids BFCL failed that we pass');
      assert.equal(c.ours.total, c.bfcl.total);
      assert.equal(c.oursAdjustedCorrect, c.bfcl.correct);
      assert.ok(c.errorTypeAgreement >= 0.99, `error_type agreement ${c.errorTypeAgreement}: ${JSON.stringify(c.errorTypeMismatches.slice(0, 5))}`);
      assert.ok(c.parity);
    });
  }
}
