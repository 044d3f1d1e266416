import { bfclToEvalRow, readRecordAt } from '../formats/index.js';
import type { IndexEntry, ResultIndex } from '../index/index.js';
import { bfclPossibleAnswer, bfclQuestion, bfclScoreEntry, evalRow, type EvalRow } from '../schema/index.js';

export type CleanRowResult = { ok: true; row: EvalRow } | { ok: false; reason: string };

/** Only the eval-row fields: a prediction record's prediction, score and timing are not part of a case. */
function rowOnly(value: unknown): EvalRow {
  const { prediction: _p, score: _s, timing: _t, model: _m, run: _r, ...row } = evalRow.parse(value) as EvalRow & Record<string, unknown>;
  return { ...row, perturbation: null };
}

/**
 * The clean case behind an entry, which a quick-run perturbs afresh: the entry itself when it
 * is clean, its clean twin in the same run, or, for a BFCL failure, the question and answer
 * BFCL wrote into its score file.
 */
export async function cleanRowFor(index: ResultIndex, entry: IndexEntry): Promise<CleanRowResult> {
  if (entry.kind === 'bfcl-run') {
    if (!entry.scoreRecord) return { ok: false, reason: 'BFCL score files carry the question only for failures; quick-run a failed sample' };
    const failure = bfclScoreEntry.parse(await readRecordAt(entry.scoreRecord));
    const question = bfclQuestion.safeParse(failure.prompt);
    const answer = bfclPossibleAnswer.safeParse({ id: entry.id, ground_truth: failure.possible_answer });
    if (!question.success || !answer.success) return { ok: false, reason: 'the BFCL score line has no readable prompt or possible answer' };
    return { ok: true, row: bfclToEvalRow(question.data, answer.data, entry.split, 'v4', entry.record.file) };
  }
  const clean = entry.split === 'clean' ? entry : index.cleanOf(entry);
  if (!clean) return { ok: false, reason: `no clean row of ${entry.id} in this run to perturb afresh` };
  return { ok: true, row: rowOnly(await readRecordAt(clean.record)) };
}
