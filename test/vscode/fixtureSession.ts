// The usual shape of an end-to-end test file: one VS Code on a throw-away copy of a fixture,
// opened before the tests and closed after them.
import { after, before } from 'node:test';
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
