import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';

const EXTENSION_ID = 'robustlens.robustlens';

suite('activation', () => {
  test('the extension activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded in this VS Code`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  test('every command in the manifest is registered', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    await extension?.activate();
    const contributed: { command: string }[] = extension?.packageJSON.contributes?.commands ?? [];
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(contributed.some(({ command }) => command === 'robustlens.showLog'), 'robustlens.showLog is not in package.json');
    assert.deepEqual(contributed.map(({ command }) => command).filter((command) => !registered.has(command)), []);
  });

  test('RobustLens: Show Log runs', async () => {
    await vscode.commands.executeCommand('robustlens.showLog');
  });
});
