import { Option, type Command } from 'commander';
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Report, RunComparison } from '../common/reportData.js';
import { collectProblems, formatProblem, type Problem } from '../core/formats/index.js';
import { PERTURBATION_IDS } from '../core/perturb/index.js';
import { buildReport, collectOutcomes, compareRuns, type Collected, outcomesByRun, readReportAssets, renderCsvReport, renderHtmlReport, renderMarkdownComparison, renderMarkdownReport, runKey, type Outcome } from '../core/report/index.js';
import { safeJson, safeText } from '../common/safeText.js';
import { UsageError } from './errors.js';
import { exitCodeOf } from './exitCodes.js';
import { integerOption } from './options.js';

export type ReportFormat = 'md' | 'html' | 'json' | 'csv';

export interface ReportOptions {
  data?: string;
  format: ReportFormat;
  out?: string;
  baseline?: string;
  seed: string;
}

/** Where the report page's script and style are: beside the CLI bundle, in the webviews' folder. */
export const DEFAULT_ASSETS_DIR = join(__dirname, 'webview');

async function checkPaths(paths: readonly string[], data: string | undefined): Promise<void> {
  for (const path of paths) if (!(await stat(path).catch(() => undefined))) throw new UsageError(`${path}: no such file or folder`);
  if (data && !(await stat(data).catch(() => undefined))?.isDirectory()) throw new UsageError(`--data ${data} is not a folder`);
}

/** Every run under the paths as outcomes; problems with files are collected, not thrown. */
export async function collectRuns(paths: readonly string[], data: string | undefined): Promise<{ collected: Collected; problems: Problem[] }> {
  await checkPaths(paths, data);
  const { problems, sink } = collectProblems();
  // Tags live in `.robustlens/tags.jsonl` next to the results, as the extension keeps them.
  const tagJournals = paths.map((p) => join(p, '.robustlens', 'tags.jsonl'));
  const collected = await collectOutcomes(paths, { ...(data ? { bfclData: data } : {}), tagJournals, onProblem: sink });
  if (collected.outcomes.length === 0) throw new UsageError(`${paths.join(', ')}: no scored results (prediction files or BFCL runs with score files)`);
  return { collected, problems };
}

/** Each run compared with the baseline run (by run id, or `run/model` where a run holds several models). */
function baselineComparisons(outcomes: readonly Outcome[], report: Report, baseline: string): RunComparison[] {
  const matches = report.runs.filter((r) => r.run === baseline || `${r.run}/${r.model}` === baseline);
  if (matches.length !== 1) {
    const known = report.runs.map((r) => `${r.run}/${r.model}`).join(', ');
    throw new UsageError(`--baseline ${baseline} ${matches.length ? 'names several runs' : 'names no run'}; the runs are ${known}`);
  }
  const base = runKey(matches[0]!);
  const byRun = outcomesByRun(outcomes);
  return [...byRun.entries()].filter(([key]) => key !== base).map(([, list]) => compareRuns(byRun.get(base)!, list, PERTURBATION_IDS));
}

/** The report command without commander: the text to write, and the problems met. */
export async function runReport(paths: readonly string[], options: ReportOptions, assetsDir = DEFAULT_ASSETS_DIR): Promise<{ text: string; problems: Problem[] }> {
  const seed = integerOption('--seed', options.seed, 0);
  const { collected, problems } = await collectRuns(paths, options.data);
  const report = buildReport(collected, { seed, splitOrder: PERTURBATION_IDS });
  const comparisons = options.baseline ? baselineComparisons(collected.outcomes, report, options.baseline) : [];
  const markdown = () => [renderMarkdownReport(report), ...comparisons.map(renderMarkdownComparison)].join('\n');
  switch (options.format) {
    case 'json':
      return { text: `${safeJson(comparisons.length ? { ...report, comparisons } : report, 2)}\n`, problems };
    case 'csv':
      return { text: renderCsvReport(report), problems };
    case 'md':
      return { text: markdown(), problems };
    case 'html':
      return { text: renderHtmlReport({ report, comparisons }, await readReportAssets(assetsDir), markdown()), problems };
  }
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('The robustness profile of runs: accuracy per split and component with 95% intervals, drops from clean, aggregate, retention; BFCL categories and summary columns')
    .argument('<runs...>', 'prediction files, folders of them, or BFCL run folders')
    .option('--data <dir>', 'BFCL data folder (BFCL_v4_<category>.json and possible_answer/): re-score BFCL runs instead of reading their score files')
    .addOption(new Option('--format <format>', 'md: a leaderboard and tables; html: one self-contained page with charts; json, csv: for scripts').choices(['md', 'html', 'json', 'csv']).default('md'))
    .option('--json', 'the same as --format json')
    .option('--out <file>', 'write the report to a file instead of printing it')
    .option('--baseline <run>', 'compare every other run with this one (flips, McNemar p-values, gap closure)')
    .option('--seed <n>', 'seed of the bootstrap intervals', '42')
    .action(async (paths: string[], options: ReportOptions & { json?: boolean }) => {
      const { text, problems } = await runReport(paths, { ...options, format: options.json ? 'json' : options.format });
      for (const p of problems) console.error(formatProblem(p));
      if (options.out) {
        await writeFile(options.out, text);
        console.error(`wrote ${safeText(options.out)}`);
      } else process.stdout.write(text);
      // The report covers the lines that could be read; the others are reported above.
      process.exitCode = exitCodeOf(problems);
    });
}
