// The first thing a user does with a fresh install: open a results folder, run a RobustLens
// command from the palette, see that the extension is alive.
import { after, before, test } from 'node:test';
import { launchVsCode, type VsCode } from '../vscode/session.js';
import { runCommand, screenshot, setColorTheme, waitForOutputLine, waitForWorkbench } from '../vscode/workbench.js';
import { copyFixture, type TempWorkspace } from '../vscode/workspace.js';

let workspace: TempWorkspace;
let vscode: VsCode;

before(async () => {
  workspace = await copyFixture('bfcl-run');
  vscode = await launchVsCode({ folder: workspace.path, theme: 'dark' });
  await waitForWorkbench(vscode.page);
}, { timeout: 120_000 });

after(async () => {
  await vscode?.close();
  await workspace?.remove();
});

test('RobustLens: Show Log shows the activation line', { timeout: 120_000 }, () =>
  vscode.step('show-log', async (page) => {
    await runCommand(page, 'RobustLens: Show Log');
    await waitForOutputLine(page, /RobustLens \S+ activated/);
    await screenshot(page, 'show-log-dark');
    await setColorTheme(page, 'light');
    await screenshot(page, 'show-log-light');
  }),
);
