// The CSV and Markdown reports print names from files: escaped, never a formula, and our own
// figures untouched (a negative drop is a number, not a guarded string).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Report, RunReport } from '../../common/reportData.js';
import { renderCsvReport } from './csv.js';
import { renderMarkdownReport } from './markdown.js';

const hostileRun: RunReport = {
  run: '@run\x1b]0;title\x07',
  model: '=HYPERLINK("http://evil.example")',
  protocol: '+paper',
  splits: [
    { split: 'clean', component: 'clean', total: 2, correct: 1, accuracy: 0.5, ci: [0.1, 0.9] },
    { split: '-CD\r\n\x9b2J', component: 'reward', total: 2, correct: 2, accuracy: 1, ci: [0.3, 1], drop: { absolute: -0.5, relative: -1, ci: [-1, 0], pairedIds: 2 } },
  ],
  components: [],
  aggregate: null,
  aggregateCi: null,
  aggregateDrop: null,
  retention: null,
  categories: [],
  bfclSummary: {},
};
const report: Report = { seed: 42, runs: [hostileRun], tags: [{ tag: '\u202eevil', run: hostileRun.run, model: hostileRun.model, split: 'clean', count: 1 }] };

test('CSV: names from files are escaped and guarded; a negative drop stays a number', () => {
  const lines = renderCsvReport(report).trimEnd().split('\n');
  assert.equal(lines.length, 3, 'a header and two rows: no line break from the data');
  assert.equal(lines[2], `'@run\\x1b]0;title\\x07,"'=HYPERLINK(""http://evil.example"")",'+paper,split,'-CD\\x0d\\x0a\\x9b2J,reward,2,2,1,0.3,1,-0.5,-1,0,`);
});

test('Markdown: cells escaped, line breaks folded, no control character left', () => {
  const md = renderMarkdownReport(report);
  assert.match(md, /\| -CD \\\\x9b2J \| reward \|/);
  assert.match(md, /\| @run\\\\x1b\]0;title\\\\x07 \|/);
  assert.match(md, /\| \\\\u202eevil \|/);
  assert.doesNotMatch(md, /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
});
