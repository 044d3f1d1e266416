import * as vscode from 'vscode';
import type { ModelService } from '../services/modelService.js';
import type { Settings } from '../services/settings.js';
import type { EndpointStatus } from '../views/endpointStatus.js';
import { summarizeEndpoints } from '../views/endpointSummary.js';

/** Model settings that are not plain settings: a .gguf file from disk, API keys in SecretStorage. */
export function registerModelCommands(models: ModelService, settings: Settings, status: EndpointStatus): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('robustlens.checkEndpoint', async () => {
      const { level, message } = summarizeEndpoints(await status.check(), models.ggufPath());
      void (level === 'info' ? vscode.window.showInformationMessage(message) : vscode.window.showWarningMessage(message));
    }),
    vscode.commands.registerCommand('robustlens.chooseGguf', async () => {
      const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'GGUF model': ['gguf'] }, openLabel: 'Use for Quick-run' });
      if (picked?.[0]) await settings.update('ggufPath', picked[0].fsPath, 'user');
    }),
    vscode.commands.registerCommand('robustlens.setApiKey', async () => {
      const endpoints = models.endpoints();
      if (endpoints.length === 0) return void (await vscode.window.showInformationMessage('RobustLens: add an endpoint to "robustlens.endpoints" first.'));
      const pick = await vscode.window.showQuickPick(endpoints.map((e) => ({ label: e.name, description: e.url })), { placeHolder: 'API key for which endpoint?' });
      if (!pick) return;
      const key = await vscode.window.showInputBox({ prompt: `API key for ${pick.label} (kept in VS Code's secret storage, never in settings or logs; empty to remove)`, password: true, ignoreFocusOut: true });
      if (key === undefined) return;
      await models.setApiKey(pick.label, key);
      await status.check();
    }),
  ];
}
