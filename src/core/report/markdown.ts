import { protocolsText, type Report, type RunComparison, type RunReport } from '../../common/reportData.js';
import { safeText } from '../../common/safeText.js';
import { COMPONENTS } from '../schema/index.js';
import { componentComparisonRows, dropText, pct, pValueText, withInterval } from './format.js';
import { cleanSplit } from './profile.js';

/**
 * Text from a file or a model as one Markdown table cell: no line breaks, other control
 * characters shown as escapes (the Markdown may be read in a terminal), pipes escaped.
 */
function cell(text: string): string {
  return safeText(text.replace(/\s+/g, ' ')).replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

/** A Markdown table whose first `textColumns` columns are left-aligned and the rest, figures, right-aligned. */
function table(headers: string[], rows: string[][], textColumns = 2): string {
  const align = headers.map((_, i) => (i < textColumns ? '---' : '---:'));
  return [`| ${headers.join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function leaderboard(runs: RunReport[]): string {
  const rows = runs.map((r) => {
    const clean = cleanSplit(r);
    const components = COMPONENTS.map((c) => {
      const p = r.components.find((x) => x.component === c);
      return p ? withInterval(p.macro, p.macroCi) : '–';
    });
    const aggregate = r.aggregate !== null && r.aggregateCi ? withInterval(r.aggregate, r.aggregateCi) : '–';
    return [cell(r.model), cell(r.run), cell(r.protocol ?? '–'), clean ? withInterval(clean.accuracy, clean.ci) : '–', ...components, aggregate, r.retention === null ? '–' : `${pct(r.retention)}%`];
  });
  return table(['Model', 'Run', 'Protocol', 'Clean', 'Observation', 'Action', 'Reward', 'Transition', 'Aggregate', 'Retention'], rows, 3);
}

function perType(runs: RunReport[]): string {
  const rows = runs.flatMap((r) =>
    r.splits.map((s) => [
      cell(r.model),
      cell(r.run),
      cell(s.split),
      s.component,
      String(s.total),
      withInterval(s.accuracy, s.ci),
      dropText(s.drop),
      s.injected ? `${pct(s.injected.share)}%` : '',
    ]),
  );
  return table(['Model', 'Run', 'Type', 'Component', 'Cases', 'Accuracy', 'Change vs clean (points)', 'Fault injected'], rows, 4);
}

function bfcl(runs: RunReport[]): string {
  const categories = runs.flatMap((r) => r.categories.map((c) => [cell(r.model), cell(r.run), cell(c.category), String(c.total), String(c.correct), pct(c.accuracy), c.source]));
  const summary = runs.flatMap((r) => Object.entries(r.bfclSummary).map(([column, value]) => [cell(r.model), cell(r.run), cell(column), pct(value)]));
  return [
    '## BFCL categories',
    '',
    table(['Model', 'Run', 'Category', 'Tests', 'Correct', 'Accuracy', 'Verdicts from'], categories, 3),
    '',
    '## BFCL summary columns',
    '',
    'Computed the way BFCL computes `score/data_non_live.csv` and `score/data_live.csv`.',
    '',
    table(['Model', 'Run', 'CSV/column', 'Accuracy'], summary, 3),
  ].join('\n');
}

/**
 * The report as Markdown: a leaderboard in the paper's shape (clean, the four components as
 * macro accuracies, aggregate and retention, each with its 95% interval), then every type and,
 * for BFCL runs, every category and BFCL's summary columns.
 */
export function renderMarkdownReport(report: Report): string {
  const robust = report.runs.filter((r) => r.splits.length > 0);
  const withBfcl = report.runs.filter((r) => r.categories.length > 0);
  const parts = [
    '# RobustLens report',
    '',
    `Accuracy in %, with 95% intervals in brackets (Wilson for a split, normal for a component's mean of types); changes vs clean are paired on sample ids with a bootstrap interval (seed ${report.seed}). Definitions: see the RobustLens README.`,
  ];
  if (robust.length) parts.push('', '## Leaderboard', '', leaderboard(robust), '', '## Per type', '', perType(robust));
  if (withBfcl.length) parts.push('', bfcl(withBfcl));
  if (report.tags.length) {
    parts.push('', '## Tags', '', 'Samples per tag (error category or free tag), split and run, from the tag journals next to the results.', '');
    parts.push(table(['Tag', 'Model', 'Run', 'Split', 'Samples'], report.tags.map((t) => [cell(t.tag), cell(t.model), cell(t.run), cell(t.split), String(t.count)]), 4));
  }
  return `${parts.join('\n')}\n`;
}

/** Two runs compared, as Markdown: flips per split with McNemar's p, and gap closure per component. */
export function renderMarkdownComparison(c: RunComparison): string {
  const splits = table(
    ['Split', 'Shared ids', `Accuracy ${cell(c.runA)}`, `Accuracy ${cell(c.runB)}`, 'Pass → fail', 'Fail → pass', 'McNemar p'],
    c.splits.map((s) => [cell(s.split), String(s.shared), pct(s.accuracyA), pct(s.accuracyB), String(s.passToFail.length), String(s.failToPass.length), pValueText(s.pValue)]),
    1,
  );
  const parts = [`# ${cell(c.modelA)} · ${cell(c.runA)} vs ${cell(c.modelB)} · ${cell(c.runB)}`, '', `Protocols: ${cell(protocolsText(c))}.`];
  if (c.notComparable) parts.push('', `> **Warning:** ${cell(c.notComparable)}.`);
  parts.push('', splits);
  if (c.components.length) {
    parts.push('', table(['Component', 'Pass → fail', 'Fail → pass', 'McNemar p', 'Gap A (points)', 'Gap B (points)', 'Gap closure'], componentComparisonRows(c), 1));
  }
  return `${parts.join('\n')}\n`;
}
