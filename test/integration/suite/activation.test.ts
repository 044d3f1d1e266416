import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import type { RobustLensApi } from '../../../src/extension.js';

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

  test('settings are read through the typed settings module: an invalid value gives its default', async () => {
    const api = await vscode.extensions.getExtension<RobustLensApi>(EXTENSION_ID)!.activate();
    const config = vscode.workspace.getConfiguration('robustlens');
    const changed = new Promise<ReadonlySet<string>>((resolve) => {
      const subscription = api.settings.onDidChange((keys) => {
        subscription.dispose();
        resolve(keys);
      });
    });
    await config.update('timeoutMs', 10, vscode.ConfigurationTarget.Global);
    try {
      assert.deepEqual([...(await changed)], ['timeoutMs']);
      assert.equal(api.settings.get('timeoutMs'), 60_000, 'below the 1000 ms minimum, the default is used');
      await config.update('timeoutMs', 5_000, vscode.ConfigurationTarget.Global);
      assert.equal(api.settings.get('timeoutMs'), 5_000);
    } finally {
      await config.update('timeoutMs', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
