// The shareable reports: the HTML report is one file that opens in a browser with the network
// off and draws its charts; the Markdown report renders as tables.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import MarkdownIt from 'markdown-it';
import { DEFAULT_DEMO_WORKSPACE, prepareDemo } from '../../scripts/prepare-demo.js';
import { runReport } from '../../src/cli/reportCommand.js';
import { openOfflineFile } from '../vscode/browser.js';
import { screenshot } from '../vscode/workbench.js';
import { EXTENSION_ROOT } from '../vscode/workspace.js';

let dir: string;
let inputs: string[];

before(async () => {
  const demo = await prepareDemo({ workspace: DEFAULT_DEMO_WORKSPACE, onProgress: (line) => console.log(line) });
  // The demo run, and two runs of one model to compare (the flips fixture), base as baseline.
  inputs = [demo.predictions, resolve(EXTENSION_ROOT, 'test', 'fixtures', 'flips')];
  dir = await mkdtemp(join(tmpdir(), 'robustlens-report-'));
}, { timeout: 600_000 });

after(() => rm(dir, { recursive: true, force: true }));

const options = { seed: '42', baseline: 'base' };
const assets = join(EXTENSION_ROOT, 'dist', 'webview');

test('the HTML report is one file that draws its charts offline and asks the network for nothing', { timeout: 120_000 }, async () => {
  const { text } = await runReport(inputs, { ...options, format: 'html' }, assets);
  assert.doesNotMatch(text, /<script[^>]+src=|<link[^>]+href=|https?:\/\/(?!www\.w3\.org)/, 'nothing is loaded from outside the file');
  const file = join(dir, 'report.html');
  await writeFile(file, text);
  const { page, errors, requests, close } = await openOfflineFile(file);
  try {
    const profile = page.locator('section.profile').filter({ hasText: 'demo-tiny-model' });
    await profile.locator('svg.chart').waitFor({ timeout: 30_000 });
    assert.equal(await profile.locator('.bar-component rect').count(), 4);
    assert.equal(await profile.locator('.bar-type rect').count(), 22);
    await page.locator('section.heatmap svg.chart').waitFor();
    await page.locator('section.comparison svg.chart').first().waitFor();
    assert.deepEqual(errors, [], 'the page runs without errors (its CSP allows its own script)');
    assert.deepEqual(requests, []);
    await screenshot(page, 'report-html');
  } finally {
    await close();
  }
});

test('the Markdown report is a leaderboard table in the paper’s shape, and renders as tables', { timeout: 60_000 }, async () => {
  const { text } = await runReport(inputs, { ...options, format: 'md' }, assets);
  const html = new MarkdownIt().render(text);
  const file = join(dir, 'report-md.html');
  await writeFile(file, `<!DOCTYPE html><meta charset="utf-8"><style>body{font-family:sans-serif;padding:16px}table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #bbb;padding:2px 6px}</style>${html}`);
  const { page, close } = await openOfflineFile(file);
  try {
    const board = page.locator('h2', { hasText: 'Leaderboard' }).locator('xpath=following-sibling::table[1]');
    const headers = await board.locator('th').allTextContents();
    assert.deepEqual(headers, ['Model', 'Run', 'Protocol', 'Clean', 'Observation', 'Action', 'Reward', 'Transition', 'Aggregate', 'Retention']);
    const demoRow = await board.locator('tr', { hasText: 'demo-tiny-model' }).locator('td').allTextContents();
    assert.equal(demoRow.length, 10);
    assert.equal(demoRow[2], 'native (max_tokens=512, seed=1)', 'the protocol the demo run recorded');
    for (const cell of demoRow.slice(3, 8)) assert.match(cell, /^\d+\.\d \[\d+\.\d–\d+\.\d\]$/, `a figure with its interval: ${cell}`);
    assert.ok((await page.locator('table').count()) >= 4, 'leaderboard, types, and the comparisons');
    await screenshot(page, 'report-markdown');
  } finally {
    await close();
  }
});
