// The demo, as `npm run demo` opens it: the project's own samples, perturbed by the engine and
// answered by the tiny model in-process. The Results tree fills, and a sample that passed clean
// and failed perturbed opens in the inspector with both sides of the diff and the tool calls.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { vsCodeOnDemo } from '../vscode/fixtureSession.js';
import { openViewContainer, runCommand, screenshot, setColorTheme, webviewFrame } from '../vscode/workbench.js';

const session = vsCodeOnDemo({ theme: 'dark' });

test('the demo fills the Results tree and a flipped sample shows its diff and calls', { timeout: 180_000 }, () =>
  session.vscode.step('demo-flipped', async (page) => {
    await openViewContainer(page, 'RobustLens');
    const rows = page.locator('.part.sidebar .monaco-list-row');
    await rows.filter({ hasText: 'demo-tiny-model' }).first().waitFor({ timeout: 60_000 });
    await rows.filter({ hasText: 'robustlens-tiny' }).first().waitFor();
    // Samples are labelled by their own id, without the benchmark and category their group already names.
    await page.locator('.part.sidebar .monaco-list-row .label-name', { hasText: /^multiple_\d+$/ }).first().waitFor();
    await screenshot(page, 'demo-tree');

    await runCommand(page, 'RobustLens: Show Flipped Only (clean pass → perturbed fail)');
    // The view's title line says which filter is on and how many samples match it.
    const resultsHeader = page.locator('.part.sidebar .pane-header', { hasText: 'Results' });
    const description = resultsHeader.locator('.description', { hasText: /^flipped from clean · \d+ match(es)?$/ });
    await description.waitFor();
    // Every sample that flipped from clean is a failure, so the model's row counts them all as failed.
    const matches = Number(/· (\d+) match/.exec(await description.innerText())![1]);
    await rows.filter({ hasText: `0/${matches} · ${matches} failed` }).first().waitFor();
    // A flipped sample has its own icon, not the plain failure's.
    await page.locator('.part.sidebar .monaco-list-row .label-name', { hasText: /^CD$/ }).first().click();
    await rows.locator('.codicon-arrow-swap').first().waitFor();
    await screenshot(page, 'demo-tree-filtered');
    await runCommand(page, 'RobustLens: Next Flipped Sample');
    const frame = await webviewFrame(page);
    await frame.locator('.badge-flip', { hasText: 'clean pass → perturbed fail' }).waitFor({ timeout: 60_000 });
    // The demo run's protocol, as its records name it: native function calling, with the demo's own limits.
    await frame.locator('.badge', { hasText: 'protocol: native (max_tokens=512, seed=1)' }).waitFor();
    await frame.locator('.monaco-diff-editor .editor.original .view-line').first().waitFor();
    await frame.locator('.monaco-diff-editor .editor.modified .view-line').first().waitFor();
    // The perturbation added or changed something, so the diff marks lines on the perturbed side.
    await frame.locator('.monaco-diff-editor .line-insert, .monaco-diff-editor .char-insert').first().waitFor();
    const labels = await frame.locator('.column .column-head h3').allTextContents();
    assert.equal(labels[0], 'Golden');
    assert.ok(labels.some((l) => l.startsWith('Clean ·')), labels.join(' | '));
    assert.equal(labels.length, 3, labels.join(' | '));
    const verdicts = await frame.locator('.column .verdict').allTextContents();
    assert.deepEqual(verdicts, ['PASS', 'FAIL']);
    await screenshot(page, 'demo-inspector-flipped-dark');
    await frame.locator('.columns').scrollIntoViewIfNeeded();
    await screenshot(page, 'demo-inspector-flipped-calls-dark');
    await setColorTheme(page, 'light');
    await frame.locator('body.vscode-light').waitFor();
    await screenshot(page, 'demo-inspector-flipped-light');
    await frame.locator('.columns').scrollIntoViewIfNeeded();
    await screenshot(page, 'demo-inspector-flipped-calls-light');
  }),
);
