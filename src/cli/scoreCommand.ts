import type { Command } from 'commander';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { collectProblems, formatProblem, isBfclRunDir, type Problem } from '../core/formats/index.js';
import type { AccuracyRow } from '../core/score/index.js';
import { type BfclRunCategory, scoreBfclRun, scorePredictionFile } from '../core/score/index.js';
import { safeJson, safeText } from '../common/safeText.js';
import { UsageError } from './errors.js';
import { exitCodeOf } from './exitCodes.js';
import { percent, renderTable } from './table.js';

interface ScoreOptions {
  data?: string;
  json?: boolean;
  explain?: boolean;
}

/** BFCL's own verdict beside ours, for categories whose run has a score file. */
interface BfclAgreement {
  accuracy: number;
  correct: number;
  total: number;
  parity: boolean;
  answer_changed: string[];
  only_ours_failed: string[];
  only_bfcl_failed: string[];
  error_type_agreement: number;
}

interface ScoreResult extends AccuracyRow {
  bfcl?: BfclAgreement;
}

interface Skipped {
  model: string;
  category: string;
  reason: string;
}

interface ScoreReport {
  results: ScoreResult[];
  skipped: Skipped[];
  problems: Problem[];
}

export function registerScoreCommand(program: Command): void {
  program
    .command('score')
    .description('Score a BFCL run folder (re-checked with the BFCL AST checker) or a RobustBench-TC prediction file')
    .argument('<path>', 'BFCL run folder (<run>/result/<model>/…) or prediction file (.jsonl) or a folder of them')
    .option('--data <dir>', 'BFCL data folder with BFCL_v4_<category>.json and possible_answer/ (for BFCL runs)')
    .option('--json', 'print machine-readable JSON')
    .option('--explain', 'print one line per failure saying why it failed')
    .action(async (path: string, options: ScoreOptions) => {
      const report = await score(path, options);
      process.stdout.write(options.json ? `${safeJson(report, 2)}\n` : renderReport(report, options.explain ?? false));
      if (!options.json) for (const p of report.problems) console.error(formatProblem(p));
      // The lines that could be scored are; the rest are reported, and the score is not whole.
      process.exitCode = exitCodeOf(report.problems);
    });
}

async function kindOf(path: string): Promise<'dir' | 'file'> {
  try {
    return (await stat(path)).isDirectory() ? 'dir' : 'file';
  } catch {
    throw new UsageError(`${path}: no such file or folder`);
  }
}

async function score(path: string, options: ScoreOptions): Promise<ScoreReport> {
  const { problems, sink } = collectProblems();
  if ((await kindOf(path)) === 'dir' && (await isBfclRunDir(path))) {
    if (!options.data) throw new UsageError(`${path} is a BFCL run; give the BFCL data folder with --data <dir> (it holds BFCL_v4_<category>.json and possible_answer/)`);
    if ((await kindOf(options.data)) !== 'dir') throw new UsageError(`--data ${options.data} is not a folder`);
    return { ...fromBfclRun(await scoreBfclRun(path, options.data, sink)), problems };
  }
  const files = await predictionFiles(path);
  const results: ScoreResult[] = [];
  for (const file of files) results.push(...(await scorePredictionFile(file, sink)));
  return { results, skipped: [], problems };
}

async function predictionFiles(path: string): Promise<string[]> {
  if ((await kindOf(path)) === 'file') return [path];
  const files = (await readdir(path)).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(path, f));
  if (files.length === 0) throw new UsageError(`${path} holds neither a BFCL run (result/<model>/…) nor prediction files (*.jsonl)`);
  return files;
}

function fromBfclRun(categories: BfclRunCategory[]): Omit<ScoreReport, 'problems'> {
  const results: ScoreResult[] = [];
  const skipped: Skipped[] = [];
  for (const { file, result, comparison } of categories) {
    if (result.status === 'skipped') {
      skipped.push({ model: file.model, category: file.category, reason: result.reason });
      continue;
    }
    const row: ScoreResult = {
      model: file.model,
      category: file.category,
      total: result.total,
      correct: result.correct,
      accuracy: result.accuracy,
      failed: result.failed,
    };
    if (comparison) {
      row.bfcl = {
        ...comparison.bfcl,
        parity: comparison.parity,
        answer_changed: comparison.answerChanged,
        only_ours_failed: comparison.onlyOursFailed,
        only_bfcl_failed: comparison.onlyBfclFailed,
        error_type_agreement: comparison.errorTypeAgreement,
      };
    }
    results.push(row);
  }
  return { results, skipped };
}

function renderReport(report: ScoreReport, explain: boolean): string {
  const withBfcl = report.results.some((r) => r.bfcl);
  const headers = ['model', 'category', 'total', 'correct', 'accuracy', ...(withBfcl ? ['BFCL', 'agrees', 'answer changed'] : [])];
  const rows = report.results.map((r) => [
    r.model,
    r.category,
    r.total,
    r.correct,
    percent(r.accuracy),
    ...(withBfcl ? (r.bfcl ? [percent(r.bfcl.accuracy), r.bfcl.parity ? 'yes' : 'NO', r.bfcl.answer_changed.length] : ['-', '-', '-']) : []),
  ]);
  const parts = [renderTable(headers, rows)];
  if (report.skipped.length) parts.push(`skipped:\n${report.skipped.map((s) => safeText(`  ${s.model} ${s.category}: ${s.reason}`)).join('\n')}`);
  if (explain) {
    for (const r of report.results.filter((x) => x.failed.length)) {
      const failures = r.failed.map((f) => safeText(`  ${f.id}  ${f.error_type}  ${f.explanation ?? ''}`.trimEnd()));
      parts.push(`${safeText(`${r.model} ${r.category}`)}, ${r.failed.length} failed:\n${failures.join('\n')}`);
    }
  }
  return `${parts.join('\n\n')}\n`;
}
