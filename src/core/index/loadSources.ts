import { basename } from 'node:path';
import { findBfclRunFiles, type BfclRunFile } from '../formats/bfcl.js';
import type { ProblemSink } from '../formats/problems.js';
import { componentOf, evalRow, predictionRecord } from '../schema/case.js';
import { describeIssues } from '../schema/json.js';
import { scoreRecord, UnscorableError } from '../score/records.js';
import type { FoundSource } from './discover.js';
import { lastUserText, type IndexEntry, type RecordLocation, type SourceSummary } from './entries.js';
import { scanLines, type ScannedLine } from './lineScanner.js';

function location(file: string, l: ScannedLine): RecordLocation {
  return { file, line: l.line, offset: l.offset, length: l.length };
}

function parse(file: string, l: ScannedLine, onProblem: ProblemSink): unknown {
  try {
    return JSON.parse(l.text);
  } catch (err) {
    onProblem({ file, line: l.line, severity: 'error', message: `not valid JSON (${(err as Error).message})` });
    return undefined;
  }
}

/**
 * A prediction file: one entry per (model, split, id), verdict from its score or, lacking one,
 * scored now. A later record of the same case replaces an earlier one (quick-runs append).
 */
async function loadPredictions(file: string, onProblem: ProblemSink): Promise<SourceSummary> {
  const latest = new Map<string, IndexEntry>();
  let run = basename(file, '.jsonl');
  for await (const l of scanLines(file)) {
    const raw = parse(file, l, onProblem);
    if (raw === undefined) continue;
    const parsed = predictionRecord.safeParse(raw);
    if (!parsed.success) {
      onProblem({ file, line: l.line, severity: 'error', message: `not a valid prediction record: ${describeIssues(parsed.error)}` });
      continue;
    }
    const record = parsed.data;
    if (record.run) run = record.run;
    let score = record.score;
    if (!score) {
      try {
        score = scoreRecord(record, record.prediction);
      } catch (err) {
        if (!(err instanceof UnscorableError)) throw err;
        onProblem({ file, line: l.line, severity: 'warning', message: `${err.message}; shown unscored` });
      }
    }
    const split = record.perturbation?.type ?? 'clean';
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
      ...(score?.error_type ? { errorType: score.error_type } : {}),
      ...(score?.explanation ? { explanation: score.explanation } : {}),
      prompt: lastUserText(record.conversation),
      record: location(file, l),
    });
  }
  return { key: file, kind: 'predictions', run, entries: [...latest.values()] };
}

/** An eval set (perturb output): rows without predictions, listed so their diffs can be read. */
async function loadEvalSet(dir: string, files: string[], onProblem: ProblemSink): Promise<SourceSummary> {
  const entries: IndexEntry[] = [];
  for (const file of files) {
    for await (const l of scanLines(file)) {
      const raw = parse(file, l, onProblem);
      if (raw === undefined) continue;
      const parsed = evalRow.safeParse(raw);
      if (!parsed.success) {
        onProblem({ file, line: l.line, severity: 'error', message: `not a valid eval row: ${describeIssues(parsed.error)}` });
        continue;
      }
      const row = parsed.data;
      entries.push({
        source: dir,
        kind: 'eval-set',
        run: basename(dir),
        model: 'no model',
        split: row.perturbation?.type ?? 'clean',
        component: row.perturbation ? componentOf(row.perturbation.mdp_category) : 'clean',
        id: row.id,
        verdict: 'unscored',
        prompt: lastUserText(row.conversation),
        record: location(file, l),
      });
    }
  }
  return { key: dir, kind: 'eval-set', run: basename(dir), entries };
}

interface ScoreLine {
  errorType?: string;
  prompt: string;
  where: RecordLocation;
}

/** BFCL's score file: the first line is a summary, the rest are failures only. */
async function readScoreFailures(file: string, onProblem: ProblemSink): Promise<Map<string, ScoreLine>> {
  const failures = new Map<string, ScoreLine>();
  for await (const l of scanLines(file)) {
    const raw = parse(file, l, onProblem) as { id?: unknown; error_type?: unknown; prompt?: { question?: unknown } } | undefined;
    if (!raw || typeof raw.id !== 'string') continue;
    failures.set(raw.id, {
      ...(typeof raw.error_type === 'string' ? { errorType: raw.error_type } : {}),
      prompt: lastUserText(raw.prompt?.question),
      where: location(file, l),
    });
  }
  return failures;
}

/**
 * A BFCL run: verdicts as BFCL's own score files give them (ids in the result file that the
 * score file does not list passed). Without a score file the category is listed unscored.
 */
async function loadBfclRun(dir: string, onProblem: ProblemSink): Promise<SourceSummary> {
  const entries: IndexEntry[] = [];
  const run = basename(dir);
  for (const file of await findBfclRunFiles(dir)) entries.push(...(await loadBfclCategory(dir, run, file, onProblem)));
  return { key: dir, kind: 'bfcl-run', run, entries };
}

async function loadBfclCategory(dir: string, run: string, file: BfclRunFile, onProblem: ProblemSink): Promise<IndexEntry[]> {
  const failures = file.scoreFile ? await readScoreFailures(file.scoreFile, onProblem) : undefined;
  const entries: IndexEntry[] = [];
  for await (const l of scanLines(file.resultFile)) {
    const raw = parse(file.resultFile, l, onProblem) as { id?: unknown } | undefined;
    if (!raw || typeof raw.id !== 'string') {
      if (raw) onProblem({ file: file.resultFile, line: l.line, severity: 'error', message: 'a BFCL result line needs a string "id"' });
      continue;
    }
    const failure = failures?.get(raw.id);
    entries.push({
      source: dir,
      kind: 'bfcl-run',
      run,
      model: file.model,
      split: file.category,
      id: raw.id,
      verdict: failures ? (failure ? 'fail' : 'pass') : 'unscored',
      ...(failure?.errorType ? { errorType: failure.errorType } : {}),
      prompt: failure?.prompt ?? '',
      record: location(file.resultFile, l),
      ...(failure ? { scoreRecord: failure.where } : {}),
    });
  }
  return entries;
}

export function loadSource(source: FoundSource, onProblem: ProblemSink): Promise<SourceSummary> {
  switch (source.kind) {
    case 'predictions':
      return loadPredictions(source.path, onProblem);
    case 'eval-set':
      return loadEvalSet(source.path, source.files ?? [], onProblem);
    case 'bfcl-run':
      return loadBfclRun(source.path, onProblem);
  }
}
