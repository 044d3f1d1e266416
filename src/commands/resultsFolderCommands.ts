import * as vscode from 'vscode';
import type { ResultsService } from '../views/resultsService.js';

/** Adding folders of results that live outside the workspace, and re-reading everything. */
export function registerResultsFolderCommands(results: ResultsService): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('robustlens.addResultsFolder', async (folder?: vscode.Uri) => {
      const picked = folder ? [folder] : await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: true, openLabel: 'Add Results Folder' });
      if (!picked?.length) return;
      const config = vscode.workspace.getConfiguration('robustlens');
      const current = config.get<string[]>('resultsFolders', []);
      const next = [...new Set([...current, ...picked.map((u) => u.fsPath)])];
      const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
      await config.update('resultsFolders', next, target);
      await results.reload();
    }),
    vscode.commands.registerCommand('robustlens.refreshResults', () => results.reload()),
  ];
}
