// Dataset and model text is data, never markup: a record whose prompt, tool descriptions, model
// output, model name and perturbation metadata carry <script>, <img onerror> and javascript:
// links is shown as text in the tree, the inspector and the tags, and no script runs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { vsCodeOnFixture } from '../vscode/fixtureSession.js';
import { poll } from '../vscode/wait.js';
import { openViewContainer, runCommand, screenshot, webviewFrame } from '../vscode/workbench.js';

const SCRIPT = '<script>document.title="pwned-script"</script>';
const IMG = `<img src=x onerror="document.title='pwned-img'">`;
const LINK = `<a href="javascript:document.title='pwned-link'">click</a>`;

const session = vsCodeOnFixture('hostile-markup', { theme: 'dark' });
const dialogs: string[] = [];

test('hostile text is shown as text in every view and runs nothing', { timeout: 180_000 }, () =>
  session.vscode.step('hostile', async (page) => {
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await openViewContainer(page, 'RobustLens');
    const rows = page.locator('.part.sidebar .monaco-list-row');
    await rows.filter({ hasText: '<img src=x onerror=alert(1)>' }).first().waitFor({ timeout: 60_000 });

    await runCommand(page, 'RobustLens: Open Inspector');
    const frame = await webviewFrame(page);
    await frame.locator('.title h2', { hasText: 'hostile_0' }).waitFor({ timeout: 60_000 });
    // The raw outputs, the prompt in the diff and the metadata hold the markup as characters.
    const text = (await frame.locator('body').textContent()) ?? '';
    for (const piece of [SCRIPT, IMG, LINK]) assert.ok(text.includes(piece), `the inspector does not show ${piece} as text`);
    await frame.locator('.column details.raw summary').first().click();
    assert.equal(await frame.locator('.column details.raw pre').first().textContent(), `${SCRIPT}${IMG} ${LINK}`);
    const diffText = (await frame.locator('.monaco-diff-editor .editor.modified .view-lines').textContent())?.replace(/\u00a0/g, ' ');
    assert.match(diffText ?? '', /<script>document\.title/);
    // Nothing became an element: no images, links or extra scripts in the page.
    assert.equal(await frame.locator('img, a[href^="javascript"], iframe').count(), 0);
    const scripts = await frame.locator('script').evaluateAll((els) => els.map((e) => e.outerHTML));
    assert.deepEqual(scripts.filter((s) => s.includes('pwned')), [], 'no script element came from the data');

    // A free tag with markup stays text in the Tags tree.
    await frame.locator('.title h2').click();
    await page.keyboard.press('t');
    await page.keyboard.type('<b onmouseover=alert(2)>bold</b>');
    await page.keyboard.press('Enter');
    await page.locator('.part.sidebar .monaco-list-row', { hasText: '<b onmouseover=alert(2)>bold</b>' }).first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'hostile-text');

    // Had any of it run, a title would have changed or a dialog opened.
    const titles = [await page.title(), (await frame.locator('title').textContent()) ?? ''];
    assert.ok(titles.every((t) => !t.includes('pwned')), titles.join(' | '));
    await poll(async () => true, 1_000, () => '');
    assert.deepEqual(dialogs, []);
  }),
);
