import * as vscode from 'vscode';
import { entryKey } from '../core/index/index.js';
import type { InspectorSection, NavigationTarget } from '../protocol.js';
import { InspectorPanel, type InspectorServices } from '../views/inspectorPanel.js';

const NAVIGATION: Record<string, NavigationTarget> = {
  'robustlens.nextFailure': 'nextFailure',
  'robustlens.previousFailure': 'previousFailure',
  'robustlens.nextFlipped': 'nextFlipped',
  'robustlens.previousFlipped': 'previousFlipped',
  'robustlens.nextUntaggedFailure': 'nextUntagged',
};

/** Opening the inspector and stepping through failures or flipped samples from the keyboard. */
export function registerInspectorCommands(extensionUri: vscode.Uri, services: InspectorServices): vscode.Disposable[] {
  const { results } = services;
  const open = (key: string, focus?: InspectorSection, column?: vscode.ViewColumn) => InspectorPanel.createOrShow(extensionUri, services, key, focus, column);
  return [
    // `beside`: opened from the dashboard, the inspector goes next to it rather than over it.
    vscode.commands.registerCommand('robustlens.openInspector', async (key?: string, options?: { beside?: boolean }) => {
      const target = key ?? (await results.step(undefined, 'nextFailure'));
      if (!target) return void vscode.window.showInformationMessage('RobustLens: no results found. Open a folder with BFCL runs or prediction files, or add one with "RobustLens: Add Results Folder".');
      open(typeof target === 'string' ? target : entryKey(target), undefined, options?.beside ? vscode.ViewColumn.Beside : undefined);
    }),
    ...Object.entries(NAVIGATION).map(([command, target]) =>
      vscode.commands.registerCommand(command, async () => {
        const panel = InspectorPanel.active;
        if (panel) return panel.navigate(target);
        // With no inspector open, stepping opens it on the first sample that way.
        const first = await results.step(undefined, target);
        if (first) open(entryKey(first));
        return !!first;
      }),
    ),
    vscode.commands.registerCommand('robustlens.openSource', () => InspectorPanel.active?.openSource()),
    vscode.commands.registerCommand('robustlens.quickRun', async (target?: string | { key?: string }) => {
      await results.ready();
      const key = typeof target === 'string' ? target : (target?.key ?? InspectorPanel.active?.currentKey);
      if (!key) return void vscode.window.showInformationMessage('RobustLens: pick a sample in the Results tree to quick-run.');
      open(key, 'quickRun');
    }),
  ];
}
