// Opens code-server's workbench in Debian's headless chromium, with a test payload in the URL:
// the mechanism VS Code's own browser integration tests use (see notes/vscode-in-ci.md).
import { existsSync } from 'node:fs';
import { format } from 'node:util';
import { chromium, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export interface WorkbenchTarget {
  /** Base URL of code-server, e.g. `http://127.0.0.1:41234/`. */
  serverUrl: string;
  /** Absolute path of the folder to open. */
  folder: string;
  /** Absolute path of the extension under development (loaded as if installed). */
  extensionDevelopmentPath: string;
  /** Absolute path of a module exporting `run(): Promise<void>`; its result ends the extension host. */
  extensionTestsPath?: string;
  /**
   * Every workbench and extension-host log line when there is a test module (VS Code sends them
   * only then); otherwise the page's console errors and warnings.
   */
  onLog(level: string, message: string): void;
  /** The extension host's exit code: the test module's result when there is one. */
  onExtensionHostExit(code: number): void;
}

export interface BrowserWindow {
  page: Page;
  close(): Promise<void>;
}

function workbenchUrl(target: WorkbenchTarget): string {
  const url = new URL(target.serverUrl);
  // Paths in the payload are on the "remote" side, i.e. code-server's file system.
  const remote = (path: string) => `vscode-remote://${url.host}${path}`;
  const payload: [string, string][] = [['extensionDevelopmentPath', remote(target.extensionDevelopmentPath)]];
  if (target.extensionTestsPath) payload.push(['extensionTestsPath', remote(target.extensionTestsPath)]);
  payload.push(['skipWelcome', 'true']);
  url.searchParams.set('folder', target.folder);
  url.searchParams.set('payload', JSON.stringify(payload));
  return url.href;
}

/** Extension-host console calls arrive as their argument lists, format string first. */
function logText(args: unknown): string {
  return Array.isArray(args) ? format(...args) : String(args);
}

export async function openBrowser(target: WorkbenchTarget): Promise<BrowserWindow> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing; run scripts/setup-code-server.sh first`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.exposeFunction('codeAutomationLog', (level: string, args: unknown) => target.onLog(level, logText(args)));
    await page.exposeFunction('codeAutomationExit', (code: number) => target.onExtensionHostExit(code));
    if (!target.extensionTestsPath) {
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') target.onLog(message.type(), message.text());
      });
    }
    await page.goto(workbenchUrl(target));
    return { page, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

export interface OfflinePage {
  page: Page;
  /** Console errors and uncaught exceptions of the page. */
  errors: string[];
  /** Every request the page made for anything but its own file: there must be none. */
  requests: string[];
  close(): Promise<void>;
}

/** Opens a local HTML file with the network off, recording errors and any request it tries. */
export async function openOfflineFile(file: string, viewport = { width: 1200, height: 900 }): Promise<OfflinePage> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing; run scripts/setup-code-server.sh first`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport, offline: true });
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('request', (request) => !request.url().startsWith('file://') && requests.push(request.url()));
    await page.goto(`file://${file}`);
    return { page, errors, requests, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
