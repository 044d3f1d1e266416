import * as vscode from 'vscode';
import { endpointsSetting, type QuickRunService } from './quickRunService.js';

const RECHECK_MS = 5 * 60_000;

/**
 * The status bar item: the configured endpoint and whether it answers. It asks on start, on a
 * click, when the settings change and every few minutes; never in a tight loop.
 */
export class EndpointStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('robustlens.endpoint', vscode.StatusBarAlignment.Left, 50);
  private readonly timer: NodeJS.Timeout;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly quickRun: QuickRunService) {
    this.item.name = 'RobustLens model endpoint';
    this.item.command = 'robustlens.checkEndpoint';
    this.timer = setInterval(() => void this.check(), RECHECK_MS);
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('robustlens.endpoints') || e.affectsConfiguration('robustlens.ggufPath')) void this.check();
    });
  }

  async check(): Promise<void> {
    const endpoint = endpointsSetting()[0];
    const gguf = vscode.workspace.getConfiguration('robustlens').get<string>('ggufPath', '');
    if (!endpoint) {
      this.item.text = gguf ? '$(chip) RobustLens: embedded model' : '$(plug) RobustLens: no model';
      this.item.tooltip = gguf ? `Quick-run uses ${gguf} in-process` : 'Set robustlens.endpoints or robustlens.ggufPath to quick-run samples';
      this.item.show();
      return;
    }
    this.item.text = `$(sync~spin) ${endpoint.name}`;
    this.item.show();
    try {
      const models = await (await this.quickRun.backend(endpoint)).listModels({ signal: AbortSignal.timeout(5000) });
      this.item.text = `$(pass) ${endpoint.name}`;
      this.item.tooltip = `${endpoint.url} answers (${endpoint.api} API): ${models.join(', ') || 'no models'}. Click to check again.`;
      this.item.backgroundColor = undefined;
    } catch (err) {
      this.item.text = `$(error) ${endpoint.name}`;
      this.item.tooltip = `${endpoint.url} does not answer: ${(err as Error).message}. Click to check again.`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    }
  }

  dispose(): void {
    clearInterval(this.timer);
    this.subscription.dispose();
    this.item.dispose();
  }
}
