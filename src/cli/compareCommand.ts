import type { Command } from 'commander';
import { protocolsText, type RunComparison } from '../common/reportData.js';
import { safeJson, safeText } from '../common/safeText.js';
import { formatProblem, type Problem } from '../core/formats/index.js';
import { PERTURBATION_IDS } from '../core/perturb/index.js';
import { compareRuns, componentComparisonRows, outcomesByRun, pct, pValueText, type Outcome } from '../core/report/index.js';
import { UsageError } from './errors.js';
import { exitCodeOf } from './exitCodes.js';
import { collectRuns } from './reportCommand.js';
import { renderTable } from './table.js';

interface CompareOptions {
  data?: string;
  json?: boolean;
}

/** One run each: compare them (model A vs model B). Several: compare the runs of the same model. */
function pairs(a: Map<string, Outcome[]>, b: Map<string, Outcome[]>): Array<[Outcome[], Outcome[]]> {
  const listA = [...a.values()];
  const listB = [...b.values()];
  if (listA.length === 1 && listB.length === 1) return [[listA[0]!, listB[0]!]];
  return listA.flatMap((x) => listB.filter((y) => y[0]!.model === x[0]!.model).map((y): [Outcome[], Outcome[]] => [x, y]));
}

/** The compare command without commander: both sides read, paired, compared. */
export async function runCompare(a: string, b: string, options: CompareOptions): Promise<{ comparisons: RunComparison[]; problems: Problem[] }> {
  // Only the outcomes are compared: no profile (and none of its bootstrap) is built.
  const left = await collectRuns([a], options.data);
  const right = await collectRuns([b], options.data);
  const matched = pairs(outcomesByRun(left.collected.outcomes), outcomesByRun(right.collected.outcomes));
  if (matched.length === 0) throw new UsageError(`${a} and ${b} have no model in common to compare`);
  const comparisons = matched.map(([x, y]) => compareRuns(x, y, PERTURBATION_IDS));
  return { comparisons, problems: [...left.problems, ...right.problems] };
}

/** The comparison for a terminal: names, ids and warnings come from the runs' files, so they are escaped. */
function render(c: RunComparison): string {
  const head = safeText(`${c.modelA} · ${c.runA}  vs  ${c.modelB} · ${c.runB}`);
  const splits = renderTable(
    ['split', 'shared', 'A', 'B', 'pass→fail', 'fail→pass', 'McNemar p'],
    c.splits.map((s) => [s.split, s.shared, `${pct(s.accuracyA)}%`, `${pct(s.accuracyB)}%`, s.passToFail.length, s.failToPass.length, pValueText(s.pValue)]),
  );
  const ids = c.splits
    .filter((s) => s.passToFail.length + s.failToPass.length > 0)
    .map((s) => [s.passToFail.length ? `  ${s.split} pass→fail: ${s.passToFail.join(' ')}` : '', s.failToPass.length ? `  ${s.split} fail→pass: ${s.failToPass.join(' ')}` : ''].filter(Boolean).map(safeText).join('\n'));
  const parts = [head, safeText(`protocols: ${protocolsText(c)}`)];
  if (c.notComparable) parts.push(`warning: ${safeText(c.notComparable)}`);
  parts.push('', splits);
  if (c.components.length) parts.push('', renderTable(['component', 'pass→fail', 'fail→pass', 'McNemar p', 'gap A', 'gap B', 'gap closure'], componentComparisonRows(c)));
  if (ids.length) parts.push('', 'flipped ids:', ...ids);
  return parts.join('\n');
}

export function registerCompareCommand(program: Command): void {
  program
    .command('compare')
    .description('Compare two runs case by case: flips per split with ids, McNemar p-values, gap closure per component')
    .argument('<a>', 'run A: prediction file(s) folder or BFCL run folder (the baseline)')
    .argument('<b>', 'run B')
    .option('--data <dir>', 'BFCL data folder: re-score BFCL runs instead of reading their score files')
    .option('--json', 'print machine-readable JSON')
    .action(async (a: string, b: string, options: CompareOptions) => {
      const { comparisons, problems } = await runCompare(a, b, options);
      for (const p of problems) console.error(formatProblem(p));
      // The comparison covers the lines that could be read; the others are reported above.
      process.exitCode = exitCodeOf(problems);
      if (options.json) {
        const splits = comparisons.flatMap((c) => c.splits);
        const components = comparisons.flatMap((c) => c.components.map((x) => ({ model: c.modelA, ...x })));
        process.stdout.write(`${safeJson({ comparisons: comparisons.map(({ runA, runB, modelA, modelB, protocolA, protocolB, notComparable }) => ({ runA, runB, modelA, modelB, protocolA, protocolB, ...(notComparable ? { notComparable } : {}) })), splits, components }, 2)}\n`);
      } else process.stdout.write(`${comparisons.map(render).join('\n\n')}\n`);
    });
}
