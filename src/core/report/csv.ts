import { stringify } from 'csv-stringify/sync';
import type { Drop, Interval, Report } from '../../common/reportData.js';
import { safeCsvCell } from '../../common/safeText.js';

const HEADER = ['run', 'model', 'protocol', 'level', 'name', 'component', 'total', 'correct', 'accuracy', 'ci_lo', 'ci_hi', 'drop', 'drop_lo', 'drop_hi', 'source'] as const;

type Row = Array<string | number>;

function numbers(ci: Interval | null | undefined, drop: Drop | null | undefined): Row {
  return [ci?.[0] ?? '', ci?.[1] ?? '', drop?.absolute ?? '', drop?.ci[0] ?? '', drop?.ci[1] ?? ''];
}

/**
 * The report as CSV for scripts: one row per split, component (macro and pooled), aggregate,
 * BFCL category and BFCL summary column (`level` says which); fractions, not percentages.
 * Run, model, split and category names come from files, so every string cell is made safe
 * for a spreadsheet and a terminal; the figures stay numbers.
 */
export function renderCsvReport(report: Report): string {
  const rows: Row[] = [[...HEADER]];
  for (const r of report.runs) {
    const id = [r.run, r.model, r.protocol ?? ''];
    for (const s of r.splits) rows.push([...id, 'split', s.split, s.component, s.total, s.correct, s.accuracy, ...numbers(s.ci, s.drop), '']);
    for (const c of r.components) {
      rows.push([...id, 'component_macro', c.component, c.component, c.total, c.correct, c.macro, ...numbers(c.macroCi, null), '']);
      rows.push([...id, 'component_pooled', c.component, c.component, c.total, c.correct, c.pooled, ...numbers(c.ci, c.drop), '']);
    }
    if (r.aggregate !== null) rows.push([...id, 'aggregate', 'aggregate', '', '', '', r.aggregate, ...numbers(r.aggregateCi, r.aggregateDrop), '']);
    for (const c of r.categories) rows.push([...id, 'category', c.category, '', c.total, c.correct, c.accuracy, '', '', '', '', '', c.source]);
    for (const [column, value] of Object.entries(r.bfclSummary)) rows.push([...id, 'bfcl_summary', column, '', '', '', value, '', '', '', '', '', '']);
  }
  return stringify(rows.map((row) => row.map(safeCsvCell)));
}
