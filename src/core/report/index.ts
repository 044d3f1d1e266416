/**
 * The robustness profile of runs and their comparison: accuracy with Wilson intervals, drops from
 * clean with paired bootstrap intervals, components (macro and pooled), retention, McNemar's test
 * and gap closure between runs, and BFCL's own summary columns.
 * This file is the module's public surface: code outside the module imports only from here.
 */
export { bfclPercent } from './bfclSummary.js';
export { renderCsvReport } from './csv.js';
export { readReportAssets, renderHtmlReport, type ReportPageAssets, type ReportPageData } from './html.js';
export { renderMarkdownComparison, renderMarkdownReport } from './markdown.js';
export { pct, pValueText } from './format.js';
export { collectFromEntries, collectOutcomes, outcomeOf } from './collect.js';
export { compareRuns } from './compare.js';
export { outcomesByRun, runKey, type Outcome } from './outcome.js';
export { cleanSplit } from './profile.js';
export { buildReport } from './report.js';
