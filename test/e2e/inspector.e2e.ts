// The inspector on real results: the two shared BFCL runs (gpt-oss-120b on vLLM 0.10.2 and 0.11.0),
// a sample whose verdict flipped between them, its diff and its tool calls, in dark, light and
// high-contrast themes.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { vsCodeOnFixture } from '../vscode/fixtureSession.js';
import { openViewContainer, runCommand, screenshot, setColorTheme, webviewFrame } from '../vscode/workbench.js';
import { poll } from '../vscode/wait.js';
import { EXTENSION_ROOT } from '../vscode/workspace.js';

const runs = resolve(EXTENSION_ROOT, '..', 'shared', 'data', 'bfcl-results');
const skip = existsSync(runs) ? false : '../shared/data/bfcl-results is absent';

const session = vsCodeOnFixture('bfcl-run', { theme: 'dark', userSettings: { 'robustlens.resultsFolders': [runs] } }, skip);

test('the Results tree lists both BFCL runs with BFCL’s accuracy per category', { skip, timeout: 120_000 }, () =>
  session.vscode.step('bfcl-runs-tree', async (page) => {
    await openViewContainer(page, 'RobustLens');
    const tree = page.locator('.part.sidebar .monaco-list-row');
    const older = tree.filter({ hasText: 'v0.10.2' }).first();
    await older.waitFor({ timeout: 60_000 });
    // The list only renders rows in view: fold what is not under test to bring the rest up.
    await page.locator('.part.sidebar .pane-header', { hasText: 'Tags' }).click();
    await tree.filter({ hasText: 'bfcl-run' }).first().click();
    await page.keyboard.press('ArrowLeft');
    await tree.filter({ hasText: /multiple\s*86\.5% · 173\/200/ }).first().waitFor();
    await screenshot(page, 'tree-bfcl-runs-dark');
    await older.click();
    await page.keyboard.press('ArrowLeft');
    await tree.filter({ hasText: 'v0.11.0' }).first().waitFor();
    await tree.filter({ hasText: /multiple\s*87\.0% · 174\/200/ }).first().waitFor();
  }),
);

test('a flipped sample shows both runs’ outputs in the diff and their calls side by side', { skip, timeout: 180_000 }, () =>
  session.vscode.step('inspector-flipped', async (page) => {
    await runCommand(page, 'RobustLens: Show Samples That Differ Between Runs');
    await runCommand(page, 'RobustLens: Next Flipped Sample');
    // The panel's title follows the sample shown, so the inspector is found as the visible webview.
    const frame = await webviewFrame(page);
    await frame.locator('.badge-flip', { hasText: 'differs between runs' }).waitFor({ timeout: 60_000 });
    await frame.locator('.monaco-diff-editor .editor.original .view-line').first().waitFor();
    await frame.locator('.monaco-diff-editor .editor.modified .view-line').first().waitFor();
    const labels = await frame.locator('.diff-labels span').allTextContents();
    assert.deepEqual(labels, ['v0.10.2', 'v0.11.0']);
    const columns = await frame.locator('.column .column-head h3').allTextContents();
    assert.ok(columns.some((c) => c.startsWith('v0.10.2')) && columns.some((c) => c.startsWith('v0.11.0')), columns.join(' | '));
    const verdicts = await frame.locator('.column .verdict').allTextContents();
    assert.deepEqual(new Set(verdicts), new Set(['PASS', 'FAIL']));
    await screenshot(page, 'inspector-flipped-dark');
    await setColorTheme(page, 'light');
    await frame.locator('body.vscode-light').waitFor();
    await screenshot(page, 'inspector-flipped-light');
    await setColorTheme(page, 'high-contrast');
    await frame.locator('body.vscode-high-contrast').waitFor();
    await screenshot(page, 'inspector-flipped-high-contrast');
  }),
);

test('n and p step through failures from the keyboard', { skip, timeout: 120_000 }, () =>
  session.vscode.step('inspector-keyboard', async (page) => {
    // The panel's title follows the sample shown, so the inspector is found as the visible webview.
    const frame = await webviewFrame(page);
    const title = frame.locator('.title h2');
    const first = await title.textContent();
    await title.click();
    await page.keyboard.press('n');
    await poll(async () => ((await title.textContent()) !== first ? true : undefined), 15_000, () => 'n did not move to another failure');
    await frame.locator('.title .verdict-fail').waitFor();
    const second = await title.textContent();
    await page.keyboard.press('p');
    await poll(async () => ((await title.textContent()) !== second ? true : undefined), 15_000, () => 'p did not move back');
  }),
);
