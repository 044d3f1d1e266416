// One VS Code for a test run: code-server plus a browser window on it, torn down together.
import type { Page } from 'playwright-core';
import { errorMessage } from '../../src/common/errorMessage.js';
import { openBrowser } from './browser.js';
import { startCodeServer, type CodeServerOptions } from './codeServer.js';
import { RecentLines } from './recentLines.js';
import { COLOR_THEMES, screenshot, type ColorTheme } from './workbench.js';
import { EXTENSION_ROOT } from './workspace.js';

export interface VsCodeOptions extends CodeServerOptions {
  /** Absolute path of the workspace folder to open. */
  folder: string;
  /** Absolute path of a built test module exporting `run(): Promise<void>`. */
  extensionTestsPath?: string;
  /** Colour theme from the first paint (switch later with `setColorTheme`). */
  theme?: ColorTheme;
  /** Every workbench and extension-host log line, as it arrives. */
  onLog?(level: string, message: string): void;
}

export interface VsCode {
  page: Page;
  /** Resolves with the extension host's exit code: the test module's result when there is one. */
  extensionHostExit: Promise<number>;
  /** The last workbench, extension-host and code-server log lines, for failure messages. */
  recentLog(): string;
  /**
   * Runs one test step; when it fails, saves `test-results/screenshots/<name>-failure.png` and adds
   * the screenshot path and the last log lines to the error.
   */
  step<T>(name: string, body: (page: Page) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * The built-in chat and its agent host start with every window, spend CPU, fill the log with
 * failed sign-ins offline and take screen space in screenshots; the tests need none of it.
 */
const QUIET_SETTINGS = {
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export async function launchVsCode(options: VsCodeOptions): Promise<VsCode> {
  const theme = options.theme ? { 'workbench.colorTheme': COLOR_THEMES[options.theme].id } : {};
  const userSettings = { ...QUIET_SETTINGS, ...theme, ...options.userSettings };
  const server = await startCodeServer({ enforceWorkspaceTrust: options.enforceWorkspaceTrust, env: options.env, userSettings });
  const log = new RecentLines(40);
  let reportExit: (code: number) => void = () => undefined;
  const extensionHostExit = new Promise<number>((resolveExit) => (reportExit = resolveExit));
  const recentLog = () => `${log.text()}\n--- code-server ---\n${server.recentOutput()}`;
  try {
    const window = await openBrowser({
      serverUrl: server.url,
      folder: options.folder,
      extensionDevelopmentPath: EXTENSION_ROOT,
      extensionTestsPath: options.extensionTestsPath,
      onLog: (level, message) => {
        log.push(`[${level}] ${message}\n`);
        options.onLog?.(level, message);
      },
      onExtensionHostExit: reportExit,
    });
    const page = window.page;
    return {
      page,
      extensionHostExit,
      recentLog,
      async step(name, body) {
        try {
          return await body(page);
        } catch (error) {
          const shot = await screenshot(page, `${name}-failure`).catch((e: unknown) => `none (${String(e)})`);
          const reason = errorMessage(error);
          throw new Error(`${name}: ${reason}\nscreenshot: ${shot}\nlast log lines:\n${recentLog()}`, { cause: error });
        }
      },
      async close() {
        try {
          await window.close();
        } finally {
          await server.stop();
        }
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
