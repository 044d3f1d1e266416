// The Dashboard on the demo run with every type: four components and 22 types with their
// intervals; a bar clicked filters the Results tree to exactly the samples behind it and opens
// the first in the inspector; readable in dark, light and high-contrast themes.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { vsCodeOnDemo } from '../vscode/fixtureSession.js';
import { poll } from '../vscode/wait.js';
import { openViewContainer, runCommand, screenshot, setColorTheme, webviewFrameWith } from '../vscode/workbench.js';

const session = vsCodeOnDemo({ theme: 'dark' });

/** The dashboard's document: the visible webview that draws a run's profile. */
function dashboardFrame(page: Page): Promise<FrameLocator> {
  return webviewFrameWith(page, 'section.profile svg.chart');
}

/** The reward cases of the demo run, counted from the prediction file itself. */
async function rewardCases(): Promise<number> {
  const lines = (await readFile(session.predictions, 'utf8')).split('\n').filter(Boolean);
  return lines.filter((l) => (JSON.parse(l) as { perturbation?: { mdp_category?: string } | null }).perturbation?.mdp_category === 'reward').length;
}

test('the dashboard shows 4 components and 22 types with intervals; a bar opens exactly its samples', { timeout: 240_000 }, () =>
  session.vscode.step('dashboard', async (page) => {
    await openViewContainer(page, 'RobustLens');
    await page.locator('.part.sidebar .monaco-list-row', { hasText: 'demo-tiny-model' }).first().waitFor({ timeout: 60_000 });
    await runCommand(page, 'RobustLens: Open Dashboard');
    const frame = await dashboardFrame(page);
    const profile = frame.locator('section.profile').first();
    await profile.locator('svg.chart').first().waitFor({ timeout: 60_000 });
    assert.equal(await profile.locator('.bar-component rect').count(), 4, 'a bar per component');
    assert.equal(await profile.locator('.bar-type rect').count(), 22, 'a bar per type');
    assert.equal(await profile.locator('.interval line').count(), 26, 'an interval per bar');
    await profile.locator('.clean-line line').waitFor({ state: 'attached' });
    await screenshot(page, 'dashboard-dark');

    // The reward bar stands for every reward case of the run: the tree must show exactly those.
    const expected = await rewardCases();
    const rewardBar = profile.locator('.bar-component rect[aria-label^="reward"]');
    await rewardBar.click();
    const message = page.locator('.part.sidebar .pane-body .message', { hasText: 'Showing' });
    await message.waitFor({ timeout: 30_000 });
    const text = (await message.textContent()) ?? '';
    assert.match(text, /reward: (\d+) samples/);
    assert.equal(Number(/reward: (\d+) samples/.exec(text)![1]), expected, text);
    // The tree lists the reward types only, and the inspector opens on one of their samples.
    const others = ['clean', 'observation', 'action', 'transition'];
    let rows: string[] = [];
    await poll(
      async () => {
        rows = await page.locator('.part.sidebar .monaco-list-row .label-name').allTextContents();
        return rows.includes('reward') && !rows.some((r) => others.includes(r)) ? true : undefined;
      },
      30_000,
      () => `the tree does not show only the reward samples: ${rows.join(' | ')}`,
    );
    const inspector = await webviewFrameWith(page, '.title h2');
    const split = (await inspector.locator('.title .badge').allTextContents()).join(' ');
    assert.match(split, /\b(CD|TD|CD_NT|TD_NT|CD_AB|TD_AB)\b/, split);
    await screenshot(page, 'dashboard-selected-reward');
  }),
);

test('the dashboard in light and high-contrast themes, and its tables', { timeout: 180_000 }, () =>
  session.vscode.step('dashboard-themes', async (page) => {
    await runCommand(page, 'RobustLens: Open Dashboard');
    const frame = await dashboardFrame(page);
    await frame.locator('section.profile svg.chart').first().waitFor();
    await setColorTheme(page, 'light');
    await frame.locator('body.vscode-light').waitFor();
    await screenshot(page, 'dashboard-light');
    await setColorTheme(page, 'high-contrast');
    await frame.locator('body.vscode-high-contrast').waitFor();
    await screenshot(page, 'dashboard-high-contrast');
    // Every chart has its table: the profile's lists the 22 types and the 4 components.
    await frame.locator('section.profile button.toggle', { hasText: 'Show table' }).first().click();
    const rows = frame.locator('section.profile table.data tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 1 + 4 + 22);
    await frame.locator('section.heatmap').scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-heatmap-high-contrast');
    await setColorTheme(page, 'dark');
  }),
);
