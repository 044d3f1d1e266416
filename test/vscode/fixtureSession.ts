// The usual shape of an end-to-end test file: one VS Code on a throw-away copy of a fixture,
// opened before the tests and closed after them.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before } from 'node:test';
import { DEFAULT_DEMO_WORKSPACE, prepareDemo } from '../../scripts/prepare-demo.js';
import { launchVsCode, type VsCode, type VsCodeOptions } from './session.js';
import { waitForWorkbench } from './workbench.js';
import { copyFixture, type TempWorkspace } from './workspace.js';

export interface FixtureSession {
  readonly vscode: VsCode;
  readonly workspace: TempWorkspace;
}

/** Registers the `before`/`after` hooks; with `skip` set, nothing is started. */
export function vsCodeOnFixture(fixture: string, options: Omit<VsCodeOptions, 'folder'> = {}, skip: string | false = false): FixtureSession {
  let vscode: VsCode | undefined;
  let workspace: TempWorkspace | undefined;
  before(async () => {
    if (skip) return;
    workspace = await copyFixture(fixture);
    vscode = await launchVsCode({ ...options, folder: workspace.path });
    await waitForWorkbench(vscode.page);
  }, { timeout: 120_000 });
  after(async () => {
    await vscode?.close();
    await workspace?.remove();
  });
  return {
    get vscode() {
      if (!vscode) throw new Error('VS Code is not running (the before hook failed or was skipped)');
      return vscode;
    },
    get workspace() {
      if (!workspace) throw new Error('no workspace (the before hook failed or was skipped)');
      return workspace;
    },
  };
}

export interface DemoSession {
  readonly vscode: VsCode;
  /** The copy's prediction file, which a test may read to count what the views should show. */
  readonly predictions: string;
}

/**
 * One VS Code on a throw-away copy of the demo workspace, as `npm run demo` opens it; the demo is
 * prepared once (or found up to date) and every test file works on its own copy.
 */
export function vsCodeOnDemo(options: Omit<VsCodeOptions, 'folder'> = {}): DemoSession {
  let vscode: VsCode | undefined;
  let root: string | undefined;
  let predictions: string | undefined;
  before(async () => {
    const demo = await prepareDemo({ workspace: DEFAULT_DEMO_WORKSPACE, onProgress: (line) => console.log(line) });
    root = await mkdtemp(join(tmpdir(), 'robustlens-demo-'));
    const workspace = join(root, 'demo-workspace');
    await cp(DEFAULT_DEMO_WORKSPACE, workspace, { recursive: true });
    predictions = join(workspace, relative(DEFAULT_DEMO_WORKSPACE, demo.predictions));
    vscode = await launchVsCode({ ...options, folder: workspace });
    await waitForWorkbench(vscode.page);
  }, { timeout: 600_000 });
  after(async () => {
    await vscode?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });
  return {
    get vscode() {
      if (!vscode) throw new Error('VS Code is not running (the before hook failed)');
      return vscode;
    },
    get predictions() {
      if (!predictions) throw new Error('the demo was not prepared (the before hook failed)');
      return predictions;
    },
  };
}
