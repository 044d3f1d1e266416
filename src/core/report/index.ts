/**
 * The robustness profile of runs and their comparison: accuracy with Wilson intervals, drops from
 * clean with paired bootstrap intervals, components (macro and pooled), retention, McNemar's test
 * and gap closure between runs, and BFCL's own summary columns.
 * This file is the module's public surface: code outside the module imports only from here.
 */
export { renderCsvReport } from './csv.js';
export { readReportAssets, renderHtmlReport } from './html.js';
export { renderMarkdownComparison, renderMarkdownReport } from './markdown.js';
export { componentComparisonRows, pct, pValueText } from './format.js';
export { collectFromEntries, collectOutcomes, type Collected } from './collect.js';
export { compareRuns } from './compare.js';
export { outcomesByRun, runKey, type Outcome } from './outcome.js';
export { buildReport } from './report.js';
export { countTagsBySplit } from './tagCounts.js';
