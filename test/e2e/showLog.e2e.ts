// The first thing a user does with a fresh install: open a results folder, run a RobustLens
// command from the palette, see that the extension is alive.
import { test } from 'node:test';
import { vsCodeOnFixture } from '../vscode/fixtureSession.js';
import { runCommand, screenshot, setColorTheme, waitForOutputLine } from '../vscode/workbench.js';

const session = vsCodeOnFixture('bfcl-run', { theme: 'dark' });

test('RobustLens: Show Log shows the activation line', { timeout: 120_000 }, () =>
  session.vscode.step('show-log', async (page) => {
    await runCommand(page, 'RobustLens: Show Log');
    await waitForOutputLine(page, /RobustLens \S+ activated/);
    await screenshot(page, 'show-log-dark');
    await setColorTheme(page, 'light');
    await screenshot(page, 'show-log-light');
  }),
);
