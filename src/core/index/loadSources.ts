import { basename } from 'node:path';
import { type BfclRunFile, findBfclRunFiles, type Line, type ProblemSink, readBfclResults, readBfclScoreFile, readEvalRows, readPredictionRecords } from '../formats/index.js';
import { componentOf, type RunProtocol, splitOf } from '../schema/index.js';
import { protocolLabel } from '../run/index.js';
import { scoreRecord, UnscorableError } from '../score/index.js';
import { BfclQuestionText } from './bfclQuestions.js';
import type { FoundSource } from './discover.js';
import { lastUserText, type IndexEntry, type RecordLocation, type SourceSummary } from './entries.js';

function location(l: Line<unknown>): RecordLocation {
  return { ...l.at, line: l.line };
}

/** One label per distinct protocol, so a file's entries share one string instead of holding a copy each. */
function protocolLabels(): { of: (protocol: RunProtocol) => string } {
  const known = new Map<string, string>();
  return {
    of: (protocol) => {
      const key = JSON.stringify(protocol);
      let label = known.get(key);
      if (label === undefined) known.set(key, (label = protocolLabel(protocol)));
      return label;
    },
  };
}

/**
 * A prediction file: one entry per (model, split, id), verdict from its score or, lacking one,
 * scored now. A later record of the same case replaces an earlier one (quick-runs append).
 */
async function loadPredictions(file: string, onProblem: ProblemSink): Promise<SourceSummary> {
  const latest = new Map<string, IndexEntry>();
  const labels = protocolLabels();
  let run = basename(file, '.jsonl');
  for await (const l of readPredictionRecords(file, onProblem)) {
    const record = l.value;
    if (record.run) run = record.run;
    let score = record.score;
    if (!score) {
      try {
        score = scoreRecord(record, record.prediction);
      } catch (err) {
        if (!(err instanceof UnscorableError)) throw err;
        onProblem({ file, line: l.line, severity: 'warning', message: `${err.message}; shown unscored`, kind: 'unscorable' });
      }
    }
    const split = splitOf(record);
    const model = record.model ?? 'unknown model';
    latest.set(JSON.stringify([model, split, record.id]), {
      source: file,
      kind: 'predictions',
      run: record.run ?? run,
      model,
      split,
      component: record.perturbation ? componentOf(record.perturbation.mdp_category) : 'clean',
      id: record.id,
      verdict: score ? (score.correct ? 'pass' : 'fail') : 'unscored',
      ...(record.prediction.transition_injected !== undefined ? { injected: record.prediction.transition_injected } : {}),
      ...(record.protocol ? { protocol: labels.of(record.protocol) } : {}),
      ...(score?.error_type ? { errorType: score.error_type } : {}),
      ...(score?.explanation ? { explanation: score.explanation } : {}),
      prompt: lastUserText(record.conversation),
      record: location(l),
    });
  }
  return { key: file, kind: 'predictions', run, entries: [...latest.values()] };
}

/** An eval set (perturb output): rows without predictions, listed so their diffs can be read. */
async function loadEvalSet(dir: string, files: string[], onProblem: ProblemSink): Promise<SourceSummary> {
  const entries: IndexEntry[] = [];
  for (const file of files) {
    for await (const l of readEvalRows(file, onProblem)) {
      const row = l.value;
      entries.push({
        source: dir,
        kind: 'eval-set',
        run: basename(dir),
        model: 'no model',
        split: splitOf(row),
        component: row.perturbation ? componentOf(row.perturbation.mdp_category) : 'clean',
        id: row.id,
        verdict: 'unscored',
        prompt: lastUserText(row.conversation),
        record: location(l),
      });
    }
  }
  return { key: dir, kind: 'eval-set', run: basename(dir), entries };
}

/**
 * A BFCL run: verdicts as BFCL's own score files give them (ids in the result file that the
 * score file does not list passed). Without a score file the category is listed unscored.
 */
async function loadBfclRun(dir: string, onProblem: ProblemSink, questions: BfclQuestionText): Promise<SourceSummary> {
  const entries: IndexEntry[] = [];
  const run = basename(dir);
  for (const file of await findBfclRunFiles(dir)) entries.push(...(await loadBfclCategory(dir, run, file, onProblem, questions)));
  return { key: dir, kind: 'bfcl-run', run, entries };
}

/** Said on every multi-turn sample: its verdict is BFCL's, which RobustLens does not recompute. */
export const MULTI_TURN_NOTE = "BFCL's own verdict, from its score file: RobustLens does not re-score multi-turn tests.";

async function loadBfclCategory(dir: string, run: string, file: BfclRunFile, onProblem: ProblemSink, questions: BfclQuestionText): Promise<IndexEntry[]> {
  const score = file.scoreFile ? await readBfclScoreFile(file.scoreFile, onProblem) : undefined;
  const texts = await questions.texts(dir, file, onProblem);
  const failures = score?.failures;
  const multiTurn = file.category.startsWith('multi_turn');
  const entries: IndexEntry[] = [];
  for (const [id, l] of await readBfclResults(file.resultFile, onProblem)) {
    const failure = failures?.get(id);
    const prompt = failure?.value.prompt as { question?: unknown } | undefined;
    entries.push({
      source: dir,
      kind: 'bfcl-run',
      run,
      model: file.model,
      split: file.category,
      id,
      verdict: failures ? (failure ? 'fail' : 'pass') : 'unscored',
      ...(failure?.value.error_type ? { errorType: failure.value.error_type } : {}),
      ...(multiTurn && failures ? { explanation: MULTI_TURN_NOTE } : {}),
      prompt: lastUserText(prompt?.question) || (texts?.get(id) ?? ''),
      record: location(l),
      ...(failure ? { scoreRecord: location(failure) } : {}),
    });
  }
  const header = score?.header;
  const passed = entries.filter((e) => e.verdict === 'pass').length;
  if (file.scoreFile && header && (passed !== header.correct_count || entries.length !== header.total_count)) {
    // The tree counts what the files list; say so where that differs from BFCL's own summary.
    onProblem({ file: file.scoreFile, line: 1, severity: 'warning', kind: 'summary-mismatch', message: `BFCL's summary says ${header.correct_count}/${header.total_count} correct, but the result file and the failures listed give ${passed}/${entries.length}` });
  }
  return entries;
}

/** Options of a load that outlive one source: where BFCL's question files are. */
export interface LoadContext {
  questions?: BfclQuestionText;
}

export function loadSource(source: FoundSource, onProblem: ProblemSink, context: LoadContext = {}): Promise<SourceSummary> {
  switch (source.kind) {
    case 'predictions':
      return loadPredictions(source.path, onProblem);
    case 'eval-set':
      return loadEvalSet(source.path, source.files ?? [], onProblem);
    case 'bfcl-run':
      return loadBfclRun(source.path, onProblem, context.questions ?? new BfclQuestionText());
  }
}
