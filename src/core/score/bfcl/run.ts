import { access, readFile } from 'node:fs/promises';
import { type BfclScoreFile, type ProblemSink, readBfclPossibleAnswers, readBfclQuestions, readBfclResults } from '../../formats/index.js';
import type { JsonValue } from '../../schema/index.js';
import { isRelevanceCategory, isSingleTurnCategory } from './category.js';
import { scoreBfclEntry, type BfclOutputMode, type BfclVerdict } from './entry.js';
import { pyJsonLoads } from '../python/json.js';
import { fromJs, PyDict, PyError, toJs, type PyValue } from '../python/values.js';

export interface BfclCategoryOptions {
  category: string;
  resultFile: string;
  questionFile: string;
  /** Needed for every category but relevance/irrelevance. */
  answerFile?: string;
  /** Default: function-calling when any result line holds a list, as BFCL's FC handlers write. */
  mode?: BfclOutputMode;
  underscoreToDot?: boolean;
  onProblem: ProblemSink;
}

export interface BfclScoredEntry {
  id: string;
  verdict: BfclVerdict;
  /** The possible answer used, as JSON. */
  answer?: unknown;
}

export interface BfclCategoryScore {
  status: 'scored';
  category: string;
  mode: BfclOutputMode;
  total: number;
  correct: number;
  accuracy: number;
  entries: BfclScoredEntry[];
  failed: Array<{ id: string; error_type: string; explanation?: string }>;
}

export type BfclCategoryResult = BfclCategoryScore | { status: 'skipped'; category: string; reason: string };

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/**
 * Possible answers keyed by id. Each line is read again with Python's JSON rules, because
 * `5.0` and `5` are different answers to BFCL's type check and JSON.parse merges them.
 */
async function readAnswers(file: string, onProblem: ProblemSink): Promise<Map<string, PyValue[]>> {
  const lines = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/);
  const out = new Map<string, PyValue[]>();
  for (const [id, { line, value }] of await readBfclPossibleAnswers(file, onProblem)) {
    let truth: PyValue | undefined;
    try {
      const parsed = pyJsonLoads(lines[line - 1]?.trim() ?? '');
      // The id check guards against line numbering that differs from the reader's.
      if (parsed instanceof PyDict && parsed.get('id') === id) truth = parsed.get('ground_truth');
    } catch (err) {
      if (!(err instanceof PyError)) throw err;
    }
    out.set(id, Array.isArray(truth) ? truth : value.ground_truth.map(fromJs));
  }
  return out;
}

/**
 * Scores a whole BFCL result file against its question and possible-answer files, entry by
 * entry with `scoreBfclEntry`. A category that cannot be scored faithfully (no question
 * file, no answers, a multi-turn category) is skipped with the reason, never guessed.
 */
export async function scoreBfclCategory(opts: BfclCategoryOptions): Promise<BfclCategoryResult> {
  const { category, onProblem } = opts;
  const skip = (reason: string): BfclCategoryResult => ({ status: 'skipped', category, reason });
  if (!isSingleTurnCategory(category)) return skip(`${category} is not a single-turn category; the AST checker does not apply`);
  if (!(await exists(opts.questionFile))) return skip(`no question file at ${opts.questionFile}`);
  const relevance = isRelevanceCategory(category);
  if (!relevance && !(opts.answerFile && (await exists(opts.answerFile)))) {
    return skip(`no possible-answer file${opts.answerFile ? ` at ${opts.answerFile}` : ''}`);
  }
  const questions = await readBfclQuestions(opts.questionFile, onProblem);
  const answers = relevance ? new Map<string, PyValue[]>() : await readAnswers(opts.answerFile!, onProblem);
  const results = await readBfclResults(opts.resultFile, onProblem);
  const mode = opts.mode ?? ([...results.values()].some((r) => Array.isArray(r.value.result)) ? 'fc' : 'prompting');

  const entries: BfclScoredEntry[] = [];
  for (const [id, { line, value }] of results) {
    const question = questions.get(id);
    const answer = answers.get(id);
    if (!question || (!relevance && !answer)) {
      onProblem({ file: opts.resultFile, line, severity: 'error', message: `no ${question ? 'possible answer' : 'question'} for id "${id}"; not scored` });
      continue;
    }
    const verdict = scoreBfclEntry({
      category,
      functions: question.value.function,
      result: value.result,
      mode,
      ...(answer ? { groundTruth: answer } : {}),
      ...(opts.underscoreToDot === undefined ? {} : { underscoreToDot: opts.underscoreToDot }),
    });
    entries.push({ id, verdict, ...(answer ? { answer: toJs(answer) } : {}) });
  }
  const failed = entries
    .filter((e) => !e.verdict.valid)
    .map((e) => ({ id: e.id, error_type: e.verdict.error_type!, ...(e.verdict.explanation ? { explanation: e.verdict.explanation } : {}) }));
  const correct = entries.length - failed.length;
  return { status: 'scored', category, mode, total: entries.length, correct, accuracy: entries.length ? correct / entries.length : 0, entries, failed };
}

export interface BfclScoreComparison {
  category: string;
  ours: { total: number; correct: number; accuracy: number };
  bfcl: { total: number; correct: number; accuracy: number };
  /** Ours with the answer-changed ids counted as BFCL scored them (failed). */
  oursAdjustedCorrect: number;
  /** Ids BFCL failed against an answer that has since been corrected; left out of the diffs. */
  answerChanged: string[];
  /** We fail, BFCL passed. */
  onlyOursFailed: string[];
  /** BFCL failed, we pass (or the id is missing from our results). */
  onlyBfclFailed: string[];
  sharedFailures: number;
  errorTypeMismatches: Array<{ id: string; ours: string; bfcl: string }>;
  /** Share of shared failures with the same error_type (1 when there are none). */
  errorTypeAgreement: number;
  /** Share of shared failures whose whole `error` list is identical. */
  errorMessageAgreement: number;
  /** Same totals, same (adjusted) correct count, same failed ids. */
  parity: boolean;
}

/** JSON with sorted keys, so answers compare regardless of key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** Compares our scoring of a category with the score file BFCL wrote for the same results. */
export function compareWithBfclScore(ours: BfclCategoryScore, scoreFile: BfclScoreFile): BfclScoreComparison {
  const byId = new Map(ours.entries.map((e) => [e.id, e]));
  const answerChanged: string[] = [];
  const onlyBfclFailed: string[] = [];
  const errorTypeMismatches: BfclScoreComparison['errorTypeMismatches'] = [];
  let shared = 0;
  let sameMessages = 0;
  for (const [id, { value: bfcl }] of scoreFile.failures) {
    const mine = byId.get(id);
    if (mine?.answer !== undefined && bfcl.possible_answer !== undefined && canonical(mine.answer) !== canonical(bfcl.possible_answer)) {
      answerChanged.push(id);
      continue;
    }
    if (!mine || mine.verdict.valid) {
      onlyBfclFailed.push(id);
      continue;
    }
    shared++;
    if (mine.verdict.error_type !== bfcl.error_type) errorTypeMismatches.push({ id, ours: mine.verdict.error_type ?? '', bfcl: bfcl.error_type ?? '' });
    if (canonical(mine.verdict.error) === canonical(bfcl.error as JsonValue)) sameMessages++;
  }
  const changed = new Set(answerChanged);
  const onlyOursFailed = ours.failed.filter((f) => !scoreFile.failures.has(f.id) && !changed.has(f.id)).map((f) => f.id);
  const oursAdjustedCorrect = ours.correct - answerChanged.filter((id) => byId.get(id)?.verdict.valid).length;
  const header = scoreFile.header;
  const bfcl = { total: header?.total_count ?? NaN, correct: header?.correct_count ?? NaN, accuracy: header?.accuracy ?? NaN };
  return {
    category: ours.category,
    ours: { total: ours.total, correct: ours.correct, accuracy: ours.accuracy },
    bfcl,
    oursAdjustedCorrect,
    answerChanged,
    onlyOursFailed,
    onlyBfclFailed,
    sharedFailures: shared,
    errorTypeMismatches,
    errorTypeAgreement: shared ? (shared - errorTypeMismatches.length) / shared : 1,
    errorMessageAgreement: shared ? sameMessages / shared : 1,
    parity: bfcl.total === ours.total && bfcl.correct === oursAdjustedCorrect && onlyOursFailed.length === 0 && onlyBfclFailed.length === 0,
  };
}
