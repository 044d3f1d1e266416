import { bfclToEvalRow, parseBfclFileName, readRecordAt } from '../formats/index.js';
import type { BfclQuestionText, IndexEntry, ResultIndex } from '../index/index.js';
import { bfclPossibleAnswer, bfclQuestion, bfclScoreEntry, evalRow, type EvalRow } from '../schema/index.js';

const RELEVANCE = /(^|_)(ir)?relevance$/;

export type CleanRowResult = { ok: true; row: EvalRow } | { ok: false; reason: string };

/** Only the eval-row fields: a prediction record's prediction, score and timing are not part of a case. */
function rowOnly(value: unknown): EvalRow {
  const { prediction: _p, score: _s, timing: _t, model: _m, run: _r, ...row } = evalRow.parse(value) as EvalRow & Record<string, unknown>;
  return { ...row, perturbation: null };
}

/** A BFCL sample's question and answer: from the failure line BFCL wrote into its score file, else from BFCL's data files. */
async function bfclCleanRow(entry: IndexEntry, questions: BfclQuestionText | undefined): Promise<CleanRowResult> {
  const file = parseBfclFileName(entry.record.file);
  if (entry.scoreRecord) {
    const failure = bfclScoreEntry.parse(await readRecordAt(entry.scoreRecord));
    const question = bfclQuestion.safeParse(failure.prompt);
    const answer = bfclPossibleAnswer.safeParse({ id: entry.id, ground_truth: failure.possible_answer });
    if (question.success && answer.success) return { ok: true, row: bfclToEvalRow(question.data, answer.data, entry.split, file?.version ?? 'v4', entry.record.file) };
  }
  const found = file && questions ? await questions.sample(entry.source, file, entry.id) : {};
  // BFCL's relevance categories have no possible answers: the right answer there is no call.
  if (!found.question || (!found.answer && !RELEVANCE.test(entry.split))) {
    return { ok: false, reason: `BFCL's result files hold no question; its question file and possible answer for ${entry.split} were not found near the run or in robustlens.bfclDataFolders` };
  }
  return { ok: true, row: bfclToEvalRow(found.question, found.answer, entry.split, file?.version ?? 'v4', entry.record.file) };
}

/**
 * The clean case behind an entry, which a quick-run perturbs afresh: the entry itself when it
 * is clean, its clean twin in the same run, or, for BFCL, the question and answer from BFCL's
 * score file (failures) or its data files (`questions` finds them).
 */
export async function cleanRowFor(index: ResultIndex, entry: IndexEntry, questions?: BfclQuestionText): Promise<CleanRowResult> {
  if (entry.kind === 'bfcl-run') return bfclCleanRow(entry, questions);
  const clean = entry.split === 'clean' ? entry : index.cleanOf(entry);
  if (!clean) return { ok: false, reason: `no clean row of ${entry.id} in this run to perturb afresh` };
  return { ok: true, row: rowOnly(await readRecordAt(clean.record)) };
}
