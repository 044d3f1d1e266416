// Quick-run from the inspector on the demo workspace: perturb the shown sample, preview the case
// and the preflight checks, run it against real local runtimes (llama.cpp in the extension host,
// and llama-server on loopback), see the new result beside the recorded one, and find it in the
// quick-runs file; a transition type shows both passes and the fault; a stopped server gives a
// clear error and a hanging one can be cancelled.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { FrameLocator } from 'playwright-core';
import { DEFAULT_DEMO_WORKSPACE, prepareDemo } from '../../scripts/prepare-demo.js';
import { predictionRecord, type PredictionRecord, splitOf } from '../../src/core/schema/index.js';
import { startFaultServer, type FaultServer } from '../support/faultServer.js';
import { findLlamaServer, LLAMA_SERVER_MISSING, startLlamaServer, type RunningLlamaServer } from '../support/llamaServer.js';
import { TINY_MODEL_NAME } from '../support/tinyModel/index.js';
import { cleanUpOnExit } from '../vscode/exitCleanup.js';
import { launchVsCode, type VsCode } from '../vscode/session.js';
import { poll } from '../vscode/wait.js';
import { runCommand, screenshot, setColorTheme, waitForWorkbench, webviewFrame } from '../vscode/workbench.js';

/** A tiny-model answer takes seconds on a loaded 2-core machine; a run is a few of them. */
const RUN_TIMEOUT_MS = 90_000;
/** High, so a cancelled run can only have ended because of the cancel. */
const REQUEST_TIMEOUT_MS = 60_000;
/** Cancelling closes the connection at once; the margin is for a swamped machine. */
const CANCEL_WITHIN_MS = 10_000;

let root: string;
let workspace: string;
/** The tiny model the demo workspace's settings give the embedded runtime; llama-server serves the same file. */
let ggufPath: string;
let llamaServer: RunningLlamaServer | undefined;
let slowServer: FaultServer;
let vscode: VsCode;
let forgetWorkspace: () => void = () => undefined;

before(async () => {
  // The cached demo is reused (and made on the first run); the test writes into a copy of it.
  const demo = await prepareDemo({ workspace: DEFAULT_DEMO_WORKSPACE });
  root = await mkdtemp(join(tmpdir(), 'robustlens-quick-run-'));
  forgetWorkspace = cleanUpOnExit(() => rmSync(root, { recursive: true, force: true }));
  workspace = join(root, 'demo-workspace');
  await cp(demo.workspace, workspace, { recursive: true });
  const settings = JSON.parse(await readFile(join(workspace, '.vscode', 'settings.json'), 'utf8')) as { 'robustlens.ggufPath': string };
  ggufPath = settings['robustlens.ggufPath'];
  const llamaServerBinary = await findLlamaServer();
  if (llamaServerBinary) llamaServer = await startLlamaServer(llamaServerBinary, ggufPath);
  slowServer = await startFaultServer({ models: ['slow-model'] });
  const endpoints = [
    ...(llamaServer ? [{ name: 'llama-server', url: llamaServer.url, api: 'openai' }] : []),
    { name: 'slow-server', url: slowServer.url, api: 'openai' },
  ];
  vscode = await launchVsCode({ folder: workspace, theme: 'dark', userSettings: { 'robustlens.endpoints': endpoints, 'robustlens.timeoutMs': REQUEST_TIMEOUT_MS } });
  await waitForWorkbench(vscode.page);
}, { timeout: 240_000 });

after(async () => {
  await vscode?.close();
  await llamaServer?.close();
  await slowServer?.close();
  forgetWorkspace();
  if (root) await rm(root, { recursive: true, force: true });
});

const quickRunsFile = () => join(workspace, 'quick-runs', 'quick-runs.jsonl');

async function quickRuns(): Promise<PredictionRecord[]> {
  const text = await readFile(quickRunsFile(), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => predictionRecord.parse(JSON.parse(line)));
}

/** Picks the model whose label ends with `· <source>` (`embedded`, or an endpoint's name) and returns its label. */
async function pickModel(frame: FrameLocator, source: string): Promise<string> {
  const select = frame.locator('select.qr-model');
  const options = await select.locator('option').evaluateAll((els) => els.map((e) => ({ value: e.getAttribute('value') ?? '', label: e.textContent ?? '' })));
  const option = options.find((o) => o.label.endsWith(` · ${source}`));
  assert.ok(option, `no model from ${source} among: ${options.map((o) => o.label).join(', ')}`);
  await select.selectOption(option.value);
  return option.label;
}

/**
 * Clicks Preview and waits for the diff (both sides drawn) and for the preflight checks of the
 * model at `location`, which must all pass or warn.
 */
async function preview(frame: FrameLocator, location: string): Promise<void> {
  await frame.locator('.qr-button', { hasText: 'Preview' }).click();
  await frame.locator('ul.qr-checks li.check-ok', { hasText: location }).first().waitFor({ timeout: RUN_TIMEOUT_MS });
  await frame.locator('.qr-diff .monaco-diff-editor .editor.original .view-line').first().waitFor();
  await frame.locator('.qr-diff .monaco-diff-editor .editor.modified .view-line').first().waitFor();
  const errors = await frame.locator('ul.qr-checks li.check-error').allTextContents();
  assert.deepEqual(errors, [], `the preflight of ${location} found errors`);
}

/** Scrolls the Quick-run bar to the top of the inspector, for a screenshot of its fields, status and preview. */
async function showBar(frame: FrameLocator): Promise<void> {
  await frame.locator('.quick-run').evaluate((e) => e.scrollIntoView({ block: 'start' }));
}

/** Clicks Run and waits for it to end; returns the status line and whether it is an error. */
async function run(frame: FrameLocator): Promise<{ status: string; failed: boolean }> {
  await frame.locator('.qr-run').click();
  const status = frame.locator('.qr-status.error, .qr-status:text-is("Done.")');
  await status.waitFor({ timeout: RUN_TIMEOUT_MS });
  return { status: (await status.textContent()) ?? '', failed: await status.evaluate((e) => e.classList.contains('error')) };
}

async function runOk(frame: FrameLocator): Promise<void> {
  const { status, failed } = await run(frame);
  assert.ok(!failed, `the quick-run failed: ${status}`);
}

async function resultColumns(frame: FrameLocator): Promise<{ label: string; verdict: string | null }[]> {
  return frame.locator('.qr-result .column').evaluateAll((els) =>
    els.map((e) => ({ label: e.querySelector('.column-head h3')?.textContent ?? '', verdict: e.querySelector('.verdict')?.textContent ?? null })),
  );
}

/** The recorded column and the quick-run column, each with a verdict. */
async function assertBesideRecorded(frame: FrameLocator, type: string, model: string): Promise<void> {
  const columns = await resultColumns(frame);
  const shown = JSON.stringify(columns);
  const recorded = columns.find((c) => c.label.startsWith('Recorded · '));
  const quick = columns.find((c) => c.label === `Quick-run · ${type} · ${model}`);
  assert.match(recorded?.verdict ?? '', /^(PASS|FAIL)$/, shown);
  assert.match(quick?.verdict ?? '', /^(PASS|FAIL)$/, shown);
}

/** The quick-runs file gained exactly one record, for `type` on `model`, with an answer and no request error. */
async function assertSaved(before: number, sample: string, type: string, model: string): Promise<PredictionRecord> {
  const records = await quickRuns();
  assert.equal(records.length, before + 1, `${quickRunsFile()} holds ${records.length} records, expected ${before + 1}`);
  const record = records.at(-1)!;
  assert.equal(record.id, sample);
  assert.equal(record.model, model);
  assert.equal(splitOf(record), type);
  assert.equal(record.perturbation?.type, type);
  assert.equal(record.prediction.error, null);
  assert.ok(Array.isArray(record.prediction.tool_calls));
  assert.equal(typeof record.score?.correct, 'boolean');
  return record;
}

let frame: FrameLocator;
let sample: string;

test('same_name_B on a demo sample: preview, then a run on the embedded model beside the recorded result', { timeout: 240_000 }, () =>
  vscode.step('quick-run-embedded', async (page) => {
    await runCommand(page, 'RobustLens: Open Inspector');
    frame = await webviewFrame(page, undefined, 60_000);
    await frame.locator('.title h2').waitFor({ timeout: 60_000 });
    sample = (await frame.locator('.title h2').textContent()) ?? '';
    await runCommand(page, 'RobustLens: Quick-run…');
    await frame.locator('select.qr-model option').first().waitFor({ state: 'attached', timeout: 30_000 });
    await frame.locator('select.qr-type').selectOption('same_name_B');
    await pickModel(frame, 'embedded');

    await preview(frame, ggufPath);
    await showBar(frame);
    await screenshot(page, 'quick-run-preview-dark');

    const saved = (await quickRuns()).length;
    await runOk(frame);
    await assertBesideRecorded(frame, 'same_name_B', TINY_MODEL_NAME);
    await assertSaved(saved, sample, 'same_name_B', TINY_MODEL_NAME);
    await frame.locator('.qr-result').scrollIntoViewIfNeeded();
    await screenshot(page, 'quick-run-embedded-dark');
    await setColorTheme(page, 'light');
    await frame.locator('body.vscode-light').waitFor();
    await screenshot(page, 'quick-run-embedded-light');
  }),
);

test('the same case on llama-server', { timeout: 120_000 }, (t) => {
  const server = llamaServer;
  if (!server) return t.skip(LLAMA_SERVER_MISSING);
  return vscode.step('quick-run-llama-server', async (page) => {
    const label = await pickModel(frame, 'llama-server');
    const model = label.slice(0, label.lastIndexOf(' · '));
    await preview(frame, server.url);
    const saved = (await quickRuns()).length;
    await runOk(frame);
    await assertBesideRecorded(frame, 'same_name_B', model);
    await assertSaved(saved, sample, 'same_name_B', model);
    await frame.locator('.qr-result').scrollIntoViewIfNeeded();
    await screenshot(page, 'quick-run-llama-server-light');
  });
});

test('a transition type shows pass 1, the injected fault and pass 2', { timeout: 120_000 }, () =>
  vscode.step('quick-run-transition', async (page) => {
    await pickModel(frame, 'embedded');
    await frame.locator('select.qr-type').selectOption('rate_limit');
    const saved = (await quickRuns()).length;
    await runOk(frame);
    const fault = frame.locator('details.qr-fault[open] pre');
    assert.match((await fault.textContent()) ?? '', /\S/, 'the injected fault is empty');
    const labels = (await resultColumns(frame)).map((c) => c.label);
    assert.ok(labels.includes('Quick-run pass 1'), labels.join(' | '));
    assert.ok(labels.includes(`Quick-run pass 2 · rate_limit · ${TINY_MODEL_NAME}`), labels.join(' | '));
    const record = await assertSaved(saved, sample, 'rate_limit', TINY_MODEL_NAME);
    assert.ok(record.prediction.pass1, 'the record has no pass 1');
    assert.equal(record.prediction.transition_injected, true);
    await frame.locator('.qr-result').scrollIntoViewIfNeeded();
    await screenshot(page, 'quick-run-transition-light');
  }),
);

test('cancelling a run on a server that never answers stops the request', { timeout: 120_000 }, () =>
  vscode.step('quick-run-cancel', async () => {
    slowServer.script({ kind: 'hang' });
    await pickModel(frame, 'slow-server');
    await frame.locator('select.qr-type').selectOption('same_name_B');
    const saved = (await quickRuns()).length;
    const asked = () => slowServer.requests.filter((r) => r.path === '/v1/chat/completions').length;
    const ended = run(frame);
    await poll(async () => (asked() === 1 ? true : undefined), 30_000, () => 'the slow server got no chat request');
    const cancelledAt = performance.now();
    await frame.locator('.qr-cancel').click();
    const { status, failed } = await ended;
    const tookMs = performance.now() - cancelledAt;
    assert.ok(failed && /cancelled/.test(status), `after Cancel the status is "${status}"`);
    assert.ok(tookMs < CANCEL_WITHIN_MS, `the run ended ${Math.round(tookMs)} ms after Cancel`);
    assert.equal(asked(), 1, 'the cancelled request was sent again');
    assert.equal((await quickRuns()).length, saved, 'a cancelled run was saved');
  }),
);

test('a stopped server gives a clear error, and the next run works', { timeout: 180_000 }, () =>
  vscode.step('quick-run-stopped-server', async (page) => {
    await slowServer.close();
    await pickModel(frame, 'slow-server');
    const saved = (await quickRuns()).length;
    const startedAt = performance.now();
    const { status, failed } = await run(frame);
    assert.ok(failed, `the run on a stopped server ended with "${status}"`);
    assert.ok(performance.now() - startedAt < REQUEST_TIMEOUT_MS, 'the error came only after the request timeout');
    assert.ok(status.includes(slowServer.url), `the error does not name ${slowServer.url}: ${status}`);
    assert.match(status, /connection refused/);
    assert.equal((await quickRuns()).length, saved, 'a failed request was saved as a result');
    await showBar(frame);
    await screenshot(page, 'quick-run-stopped-server-light');

    await pickModel(frame, 'embedded');
    await runOk(frame);
    await assertBesideRecorded(frame, 'same_name_B', TINY_MODEL_NAME);
    await assertSaved(saved, sample, 'same_name_B', TINY_MODEL_NAME);
  }),
);
