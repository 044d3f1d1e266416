// The inspector's document is destroyed while its tab is hidden. Shown again, it must come back
// on the same sample and where the user left it, and a "focus Quick-run" asked for once must not
// be replayed: the ready handshake carries the state, and only the state.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import { vsCodeOnFixture } from '../vscode/fixtureSession.js';
import { poll } from '../vscode/wait.js';
import { runCommand, screenshot, webviewFrame } from '../vscode/workbench.js';

const session = vsCodeOnFixture('bfcl-run', { theme: 'dark' });

interface Scroll {
  sample: string | null;
  scrollY: number;
  /** The Quick-run bar's top edge is inside the window. */
  quickRunInView: boolean;
  scrollable: boolean;
}

async function scrollOf(frame: FrameLocator): Promise<Scroll> {
  return frame.locator('body').evaluate((body) => {
    const doc = body.ownerDocument;
    const win = doc.defaultView!;
    const top = doc.querySelector('.quick-run')?.getBoundingClientRect().top ?? Infinity;
    return { sample: body.dataset['sample'] ?? null, scrollY: win.scrollY, quickRunInView: top >= 0 && top < win.innerHeight, scrollable: doc.documentElement.scrollHeight > win.innerHeight + 100 };
  });
}

/** Resolves once the page has painted twice: whatever was scheduled for the next frame has run. */
async function twoFrames(frame: FrameLocator): Promise<void> {
  await frame.locator('body').evaluate((body) => {
    const win = body.ownerDocument.defaultView!;
    return new Promise<void>((done) => win.requestAnimationFrame(() => win.requestAnimationFrame(() => done())));
  });
}

/** Waits until the inspector shows a sample and `accept` holds for where it is scrolled. */
async function settled(frame: FrameLocator, accept: (s: Scroll) => boolean, what: string): Promise<Scroll> {
  let last: Scroll | undefined;
  return poll(
    async () => {
      last = await scrollOf(frame).catch(() => undefined);
      return last?.sample && accept(last) ? last : undefined;
    },
    30_000,
    () => `the inspector never ${what}; last seen ${JSON.stringify(last)}`,
  );
}

/** Hides the inspector behind a new editor in its group, then brings its tab back to the front. */
async function hideAndShow(page: Page, sampleId: string): Promise<FrameLocator> {
  await runCommand(page, 'File: New Untitled Text File');
  await poll(async () => ((await page.locator('iframe.webview.ready').filter({ visible: true }).count()) === 0 ? true : undefined), 30_000, () => 'the inspector stayed visible');
  await page.locator('.tabs-container .tab', { hasText: sampleId }).first().click();
  return webviewFrame(page);
}

test('hidden and shown again, the inspector keeps its sample and section and does not replay a focus', { timeout: 240_000 }, () =>
  session.vscode.step('inspector-reshow', async (page) => {
    await runCommand(page, 'RobustLens: Next Failure');
    let frame = await webviewFrame(page);
    const first = await settled(frame, () => true, 'showed a sample');
    const sampleId = (await frame.locator('.title h2').textContent())!;

    // Quick-run… on the shown sample brings its bar into view.
    await runCommand(page, 'RobustLens: Quick-run…');
    const atQuickRun = await settled(frame, (s) => s.quickRunInView && s.scrollY > 0, 'scrolled to the Quick-run bar');
    assert.ok(atQuickRun.scrollable, 'the inspector must be taller than its window for this test to mean anything');

    frame = await hideAndShow(page, sampleId);
    const back = await settled(frame, (s) => s.quickRunInView, 'came back at the Quick-run bar');
    assert.equal(back.sample, first.sample, 'shown again on the same sample');
    await screenshot(page, 'inspector-reshow-quick-run');

    // Back at the top, the section the user is in is the top: showing the tab again keeps it there.
    await frame.locator('body').evaluate((body) => body.ownerDocument.defaultView!.scrollTo(0, 0));
    // The scroll position is saved on the next frame; two frames later it is in the state.
    await twoFrames(frame);
    frame = await hideAndShow(page, sampleId);
    const top = await settled(frame, () => true, 'came back');
    // A replayed focus would come right after the Quick-run bar loads its options: wait for them,
    // then let the page paint twice before looking.
    await frame.locator('.qr-type option').first().waitFor({ state: 'attached', timeout: 30_000 });
    await twoFrames(frame);
    const after = await scrollOf(frame);
    assert.equal(top.sample, first.sample);
    assert.equal(after.scrollY, 0, 'the focus on Quick-run was asked for once and must not be replayed');
    assert.equal(after.quickRunInView, false);
    await screenshot(page, 'inspector-reshow-top');
  }),
);
