import * as vscode from 'vscode';
import { errorMessage } from '../common/errorMessage.js';
import type { RunComparison } from '../common/reportData.js';
import { entryKey } from '../core/index/index.js';
import { dashboardHostEndpoint, type DashboardHostEndpoint } from '../protocol.js';
import type { ReportService } from '../services/reportService.js';
import type { ResultsTreeProvider } from './resultsTree.js';
import { connectPanel, panelOptions } from './webviewPanels.js';

export const DASHBOARD_VIEW_TYPE = 'robustlens.dashboard';

/**
 * The Dashboard: the robustness profile of every run in the Results view, the runs × types
 * heatmap and run-vs-run comparisons. A figure clicked there filters the Results tree to exactly
 * its samples and opens the first in the inspector.
 */
export class DashboardPanel implements vscode.Disposable {
  private static current: DashboardPanel | undefined;
  private readonly endpoint: DashboardHostEndpoint;
  private readonly disposables: vscode.Disposable[] = [];
  /** Asked for by the command that opened the panel; delivered once, with the next ready. */
  private pendingFocusRun: string | undefined;
  /** The comparisons made in the dashboard, which an export includes. */
  private readonly comparisons = new Map<string, RunComparison>();

  static createOrShow(extensionUri: vscode.Uri, reports: ReportService, tree: ResultsTreeProvider, log: vscode.LogOutputChannel, focusRun?: string): DashboardPanel {
    if (DashboardPanel.current) DashboardPanel.current.panel.reveal();
    else {
      const panel = vscode.window.createWebviewPanel(DASHBOARD_VIEW_TYPE, 'RobustLens Dashboard', vscode.ViewColumn.Active, panelOptions(extensionUri));
      DashboardPanel.current = new DashboardPanel(panel, extensionUri, reports, tree, log);
    }
    DashboardPanel.current.focus(focusRun);
    return DashboardPanel.current;
  }

  static get active(): DashboardPanel | undefined {
    return DashboardPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly reports: ReportService,
    tree: ResultsTreeProvider,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const connected = connectPanel(panel, extensionUri, { script: 'dashboard.js', style: 'dashboard.css', title: 'RobustLens Dashboard' }, dashboardHostEndpoint, log);
    this.endpoint = connected.endpoint;
    this.endpoint.handle('ready', async () => {
      const { report, runs } = await reports.current();
      const focusRun = this.pendingFocusRun;
      this.pendingFocusRun = undefined;
      return { type: 'ready', view: 'dashboard', state: { report, runs, ...(focusRun ? { focusRun } : {}) } };
    });
    this.endpoint.handle('select', async (body) => {
      const entries = tree.showScope(body.scope);
      await vscode.commands.executeCommand('robustlens.results.focus');
      const first = entries[0];
      if (first) await vscode.commands.executeCommand('robustlens.openInspector', entryKey(first), { beside: true });
      return { type: 'selected', count: entries.length };
    });
    this.endpoint.handle('compare', async (body) => {
      const comparison = await reports.compare(body.a, body.b);
      this.comparisons.set(`${body.a}\u0000${body.b}`, comparison);
      return { type: 'comparison', comparison };
    });
    this.endpoint.handle('exportReport', async (body) => ({ type: 'exported', file: await this.exportReport(body.format) }));
    this.disposables.push(
      ...connected.disposables,
      panel.onDidDispose(() => this.dispose()),
      reports.onDidChange(() => void this.pushReport()),
    );
  }

  private focus(run: string | undefined): void {
    if (!run) return;
    this.pendingFocusRun = run;
    // Already showing: the webview gets the run with the report and scrolls to it.
    if (this.endpoint.isReady) void this.pushReport(run);
  }

  /** Sends the current report, once the webview is ready; before that the ready reply carries it. */
  private async pushReport(focusRun?: string): Promise<void> {
    if (!this.endpoint.isReady) return;
    try {
      const { report, runs } = await this.reports.current();
      this.endpoint.event({ type: 'report', report, runs, ...(focusRun ? { focusRun } : {}) });
      if (focusRun) this.pendingFocusRun = undefined;
    } catch (err) {
      this.log.error(`the dashboard could not be updated: ${errorMessage(err)}`);
    }
  }

  private async exportReport(format: 'html' | 'md'): Promise<string | null> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = format === 'html' ? 'robustlens-report.html' : 'robustlens-report.md';
    const target = await vscode.window.showSaveDialog({
      title: 'Export Report',
      saveLabel: 'Export',
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
      filters: format === 'html' ? { 'HTML report': ['html'] } : { Markdown: ['md'] },
    });
    if (!target) return null;
    const text = await this.reports.exportText(format, [...this.comparisons.values()]);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    this.log.info(`report exported to ${target.fsPath}`);
    return target.fsPath;
  }

  dispose(): void {
    if (DashboardPanel.current === this) DashboardPanel.current = undefined;
    this.endpoint.reset('the dashboard was closed');
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}
