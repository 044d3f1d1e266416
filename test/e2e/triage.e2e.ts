// Triage a run from the keyboard: tag three failures with number keys, confirm a suggestion, add
// a free tag; the Tags tree, `robustlens tags --by type` and the journal must agree.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import type { FrameLocator, Page } from 'playwright-core';
import { poll } from '../vscode/wait.js';
import { vsCodeOnFixture } from '../vscode/fixtureSession.js';
import { openViewContainer, runCommand, screenshot, webviewFrame } from '../vscode/workbench.js';
import { EXTENSION_ROOT } from '../vscode/workspace.js';

const session = vsCodeOnFixture('bfcl-run', { theme: 'dark' });

/** Waits until the inspector shows another sample than `previous`, and returns its id. */
async function shownAfter(frame: FrameLocator, previous: string | null): Promise<string> {
  const title = frame.locator('.title h2');
  return poll(async () => {
    const now = await title.textContent().catch(() => null);
    return now && now !== previous ? now : undefined;
  }, 30_000, () => `the inspector did not move on from ${previous}`);
}

async function chips(frame: FrameLocator): Promise<string[]> {
  const tags = await Promise.all((await frame.locator('.tag-current .chip').all()).map((chip) => chip.getAttribute('data-tag')));
  return tags.map((t) => t ?? '').sort();
}

async function press(page: Page, frame: FrameLocator, key: string, expected: string[]): Promise<void> {
  await page.keyboard.press(key);
  await poll(async () => (JSON.stringify(await chips(frame)) === JSON.stringify(expected) ? true : undefined), 15_000, () => `after ${key} the tags are not ${expected.join(', ')}`);
}

test('three failures are tagged from the keyboard and every view agrees', { timeout: 240_000 }, () =>
  session.vscode.step('triage', async (page) => {
    const workspace = session.workspace;
    await runCommand(page, 'RobustLens: Next Untagged Failure');
    const frame = await webviewFrame(page);
    const first = await shownAfter(frame, null);
    await frame.locator('.title h2').click();

    // First failure: confirm the suggestion with Enter, then add category 3 with its key.
    const suggestion = await frame.locator('.chip-suggestion').getAttribute('data-suggestion');
    assert.equal(suggestion, 'value_error', 'the value_error failure is suggested its BFCL category');
    await press(page, frame, 'Enter', ['value_error']);
    await press(page, frame, '3', ['unexpected_param', 'value_error']);

    // Second failure: category 4 (type error).
    await page.keyboard.press('u');
    const second = await shownAfter(frame, first);
    await press(page, frame, '4', ['type_error']);

    // Third failure: category 6 (wrong number of calls) and a free tag.
    await page.keyboard.press('u');
    await shownAfter(frame, second);
    await press(page, frame, '6', ['wrong_count']);
    await page.keyboard.press('t');
    // Typed before the field has focus, the letters would be shortcuts ('u' = next untagged).
    await frame.locator('input.free-tag:focus').waitFor();
    await page.keyboard.type('gave up silently');
    await page.keyboard.press('Enter');
    await poll(async () => ((await chips(frame)).includes('gave up silently') ? true : undefined), 15_000, () => 'the free tag did not appear');
    await screenshot(page, 'triage-inspector');

    // The Tags tree: one row per tag with its count.
    await openViewContainer(page, 'RobustLens');
    const rows = page.locator('.part.sidebar .pane', { hasText: 'Tags' }).locator('.monaco-list-row');
    await rows.first().waitFor();
    const treeCounts = await poll(async () => {
      const texts = (await rows.allTextContents()).map((t) => t.trim());
      return texts.length === 5 ? texts : undefined;
    }, 30_000, () => 'the Tags tree does not show 5 tags');
    await screenshot(page, 'triage-tags-tree');

    // The CLI reads the same journal next to the results.
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', join(EXTENSION_ROOT, 'src', 'cli.ts'), 'tags', workspace.path, '--by', 'type', '--json'], { cwd: EXTENSION_ROOT });
    const table = JSON.parse(stdout) as { rows: Array<{ tag: string; total: number; counts: Record<string, number> }> };
    const labels: Record<string, string> = { value_error: 'Value error', unexpected_param: 'Unexpected parameter', type_error: 'Type error', wrong_count: 'Wrong number of calls', 'gave up silently': 'gave up silently' };
    assert.deepEqual(table.rows.map((r) => [r.tag, r.counts['simple_python']]).sort(), Object.keys(labels).map((t) => [t, 1]).sort());
    for (const row of table.rows) assert.ok(treeCounts.some((t) => t.startsWith(labels[row.tag]!) && t.endsWith(String(row.total))), `${row.tag}: tree shows ${treeCounts.join(' | ')}`);

    // The journal holds the five add events, one per tag.
    const events = (await readFile(join(workspace.path, '.robustlens', 'tags.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { op: string; tag: string; target: { id: string } });
    assert.deepEqual(events.map((e) => `${e.op} ${e.tag}`).sort(), Object.keys(labels).map((t) => `add ${t}`).sort());
    assert.deepEqual(new Set(events.map((e) => e.target.id)), new Set(['demo_simple_python_1', 'demo_simple_python_2', 'demo_simple_python_3']));
  }),
);

test('after a window reload the inspector comes back on the same sample, with its tags', { timeout: 180_000 }, () =>
  session.vscode.step('reload', async (page) => {
    let frame = await webviewFrame(page);
    const shown = await frame.locator('.title h2').textContent();
    await runCommand(page, 'Developer: Reload Window');
    await page.locator('.monaco-workbench').waitFor({ state: 'detached', timeout: 30_000 }).catch(() => undefined);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    frame = await webviewFrame(page, undefined, 90_000);
    await frame.locator('.title h2', { hasText: shown ?? '' }).waitFor({ timeout: 90_000 });
    // The inspector paints a sample only once the journal is read, so its tags come with it.
    assert.deepEqual(await chips(frame), ['gave up silently', 'wrong_count']);
  }),
);
