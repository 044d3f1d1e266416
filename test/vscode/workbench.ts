// Helpers that drive code-server's workbench through its DOM, for the browser end-to-end tests.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { poll } from './wait.js';
import { EXTENSION_ROOT } from './workspace.js';

export type ColorTheme = 'dark' | 'light' | 'high-contrast' | 'high-contrast-light';

/** The default themes of this VS Code and the class each puts on `.monaco-workbench`. */
export const COLOR_THEMES: Record<ColorTheme, { id: string; label: string; workbenchClass: string }> = {
  dark: { id: 'Dark 2026', label: 'Dark 2026', workbenchClass: 'vs-dark' },
  light: { id: 'Light 2026', label: 'Light 2026', workbenchClass: 'vs' },
  'high-contrast': { id: 'Default High Contrast', label: 'Dark High Contrast', workbenchClass: 'hc-black' },
  'high-contrast-light': { id: 'Default High Contrast Light', label: 'Light High Contrast', workbenchClass: 'hc-light' },
};

/** Cleared by test/vscode/run.ts at the start of a run, so what is there belongs to the last run. */
export const SCREENSHOT_DIR = join(EXTENSION_ROOT, 'test-results', 'screenshots');

/**
 * Saves the whole window as `test-results/screenshots/<name>.png` and returns the path. Running
 * transitions (a quick pick fading out, a theme being applied) are finished first.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, animations: 'disabled' });
  return path;
}

/** `.monaco-workbench` is painted; the extension host may still be starting. */
export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The open quick input's row whose label is exactly `label` (rows also carry descriptions and keybindings). */
export function quickInputRow(page: Page, label: string): Locator {
  return page
    .locator('.quick-input-widget .quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) })
    .first();
}

/**
 * Runs a command by its palette title, e.g. `RobustLens: Show Log`. The palette lists an
 * extension's commands only once the extension host has read its manifest, a few seconds after
 * the workbench paints, so the palette is reopened until the command shows or `timeoutMs` passes.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 30_000): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press('F1');
    await input.fill(`>${title}`);
    const row = quickInputRow(page, title);
    const shown = await row.waitFor({ timeout: 2_000 }).then(() => true, () => false);
    if (shown) {
      await row.click();
      return;
    }
    await page.keyboard.press('Escape');
    if (Date.now() > deadline) throw new Error(`command "${title}" is not in the command palette after ${timeoutMs / 1000} s`);
  }
}

/** Switches the colour theme through "Preferences: Color Theme" and waits until the workbench repaints in it. */
export async function setColorTheme(page: Page, theme: ColorTheme): Promise<void> {
  const { label, workbenchClass } = COLOR_THEMES[theme];
  await runCommand(page, 'Preferences: Color Theme');
  await page.locator('.quick-input-widget input').fill(label);
  await quickInputRow(page, label).click();
  await page.locator(`.monaco-workbench.${workbenchClass}`).waitFor();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** An activity-bar entry (a view container), found by its title, e.g. `Explorer` or `RobustLens`. */
export function activityBarItem(page: Page, title: string): Locator {
  return page.locator('.part.activitybar .action-item', { has: page.locator(`a.action-label[aria-label^="${title}"]`) }).first();
}

/** Shows a view container in the side bar unless it is showing already. */
export async function openViewContainer(page: Page, title: string): Promise<void> {
  const item = activityBarItem(page, title);
  if ((await item.getAttribute('aria-selected')) !== 'true') await item.click();
  await page.locator('.part.sidebar .composite.title', { hasText: title }).first().waitFor();
}

/**
 * The document inside a visible webview, optionally the one titled `title`. VS Code hosts it two
 * iframes deep and marks the outer one `ready` once the webview can load its resources.
 */
export async function webviewFrame(page: Page, title?: string, timeoutMs = 30_000): Promise<FrameLocator> {
  const inner = title ? `#active-frame[title="${title}"]` : '#active-frame';
  const outers = page.locator('iframe.webview.ready').filter({ visible: true });
  const find = async () => {
    for (const outer of await outers.all()) {
      if ((await outer.contentFrame().locator(inner).count()) > 0) return outer.contentFrame().frameLocator(inner);
    }
    return undefined;
  };
  return poll(find, timeoutMs, () => `no visible webview${title ? ` titled "${title}"` : ''} within ${timeoutMs / 1000} s`);
}

/**
 * The document of the visible webview that holds `selector`: with several webviews side by side
 * (the dashboard and the inspector), the one to drive is found by what it shows.
 */
export async function webviewFrameWith(page: Page, selector: string, timeoutMs = 60_000): Promise<FrameLocator> {
  const outers = page.locator('iframe.webview.ready').filter({ visible: true });
  const find = async () => {
    for (const outer of await outers.all()) {
      const inner = outer.contentFrame().frameLocator('#active-frame');
      if ((await inner.locator(selector).count().catch(() => 0)) > 0) return inner;
    }
    return undefined;
  };
  return poll(find, timeoutMs, () => `no visible webview shows ${selector} within ${timeoutMs / 1000} s`);
}

/**
 * Waits for a line matching `pattern` (no `g` flag) in the editor of the Output panel, which shows
 * the channel revealed last, and returns it. Monaco renders spaces as no-break spaces; the line is
 * matched and returned with plain spaces.
 */
export async function waitForOutputLine(page: Page, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  const lines = page.locator('.part.panel .monaco-editor .view-line');
  const find = async () => (await lines.allTextContents()).map((line) => line.replace(/\u00a0/g, ' ')).find((line) => pattern.test(line));
  return poll(find, timeoutMs, () => `no line matching ${String(pattern)} in the Output panel within ${timeoutMs / 1000} s`);
}
