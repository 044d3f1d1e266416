import * as vscode from 'vscode';
import type { ResultsService } from '../services/resultsService.js';
import type { Settings } from '../services/settings.js';

/** Adding folders of results that live outside the workspace, and re-reading everything. */
export function registerResultsFolderCommands(results: ResultsService, settings: Settings): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('robustlens.addResultsFolder', async (folder?: vscode.Uri) => {
      const picked = folder ? [folder] : await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: true, openLabel: 'Add Results Folder' });
      if (!picked?.length) return;
      const next = [...new Set([...settings.get('resultsFolders'), ...picked.map((u) => u.fsPath)])];
      await settings.update('resultsFolders', next);
      await results.reload();
    }),
    vscode.commands.registerCommand('robustlens.refreshResults', () => results.reload()),
  ];
}
