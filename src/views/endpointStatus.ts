import * as vscode from 'vscode';
import type { ModelService } from '../services/modelService.js';
import type { Settings } from '../services/settings.js';

const RECHECK_MS = 5 * 60_000;

/**
 * The status bar item: the configured endpoint and whether it answers. It asks on start, on a
 * click, when the settings change and every few minutes; never in a tight loop.
 */
export class EndpointStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('robustlens.endpoint', vscode.StatusBarAlignment.Left, 50);
  private readonly timer: NodeJS.Timeout;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly models: ModelService,
    settings: Settings,
  ) {
    this.item.name = 'RobustLens model endpoint';
    this.item.command = 'robustlens.checkEndpoint';
    this.timer = setInterval(() => void this.check(), RECHECK_MS);
    this.subscription = settings.onDidChange((keys) => {
      if (keys.has('endpoints') || keys.has('ggufPath')) void this.check();
    });
  }

  /** Never rejects: what went wrong is what the item shows. */
  async check(): Promise<void> {
    const endpoint = this.models.endpoints()[0];
    const gguf = this.models.ggufPath();
    if (!endpoint) {
      this.item.text = gguf ? '$(chip) RobustLens: embedded model' : '$(plug) RobustLens: no model';
      this.item.tooltip = gguf ? `Quick-run uses ${gguf} in-process` : 'Set robustlens.endpoints or robustlens.ggufPath to quick-run samples';
      this.item.show();
      return;
    }
    this.item.text = `$(sync~spin) ${endpoint.name}`;
    this.item.show();
    const listed = await this.models.listModels(endpoint);
    if (listed.ok) {
      this.item.text = `$(pass) ${endpoint.name}`;
      this.item.tooltip = `${endpoint.url} answers (${endpoint.api} API): ${listed.models.join(', ') || 'no models'}. Click to check again.`;
      this.item.backgroundColor = undefined;
    } else {
      this.item.text = `$(error) ${endpoint.name}`;
      this.item.tooltip = `${endpoint.url} does not answer: ${listed.reason}. Click to check again.`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    }
  }

  dispose(): void {
    clearInterval(this.timer);
    this.subscription.dispose();
    this.item.dispose();
  }
}
