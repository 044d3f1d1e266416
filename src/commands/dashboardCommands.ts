import * as vscode from 'vscode';
import type { TreeNode } from '../core/index/index.js';
import { runKey } from '../core/report/index.js';
import type { ReportService } from '../services/reportService.js';
import { DashboardPanel } from '../views/dashboardPanel.js';
import type { ResultsTreeProvider } from '../views/resultsTree.js';

/** The first sample under a tree node: its run and model name the node's run in the report. */
function firstEntry(node: TreeNode): { run: string; model: string } | undefined {
  if (node.kind === 'entry') return node.entry;
  for (const child of node.children) {
    const found = firstEntry(child);
    if (found) return found;
  }
  return undefined;
}

/** The Dashboard, from the Results view's title bar, a run or model in the tree, or the palette. */
export function registerDashboardCommands(extensionUri: vscode.Uri, reports: ReportService, tree: ResultsTreeProvider, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('robustlens.openDashboard', (node?: TreeNode) => {
      const entry = node ? firstEntry(node) : undefined;
      DashboardPanel.createOrShow(extensionUri, reports, tree, log, entry ? runKey(entry) : undefined);
    }),
  ];
}
