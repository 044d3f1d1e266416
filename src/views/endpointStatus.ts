import * as vscode from 'vscode';
import type { EndpointState, ModelService } from '../services/modelService.js';
import type { Settings } from '../services/settings.js';
import { describeEndpoint } from './endpointSummary.js';

const RECHECK_MS = 5 * 60_000;

/**
 * The status bar item: the configured endpoints and whether they answer. It asks on start, on a
 * click, when the settings change and every few minutes, never in a tight loop; between those it
 * follows what the model service sees (a server that came up while the inspector watched).
 */
export class EndpointStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('robustlens.endpoint', vscode.StatusBarAlignment.Left, 50);
  private readonly timer: NodeJS.Timeout;
  private readonly subscriptions: vscode.Disposable[];
  private states: EndpointState[] = [];

  constructor(
    private readonly models: ModelService,
    settings: Settings,
  ) {
    this.item.name = 'RobustLens model endpoint';
    this.item.command = 'robustlens.checkEndpoint';
    this.timer = setInterval(() => void this.check(), RECHECK_MS);
    this.subscriptions = [
      settings.onDidChange((keys) => {
        if (keys.has('endpoints') || keys.has('ggufPath')) void this.check();
      }),
      models.onDidChangeEndpoint((changed) => {
        this.states = this.states.map((s) => (s.endpoint.name === changed.endpoint.name && s.endpoint.url === changed.endpoint.url ? changed : s));
        this.render();
      }),
    ];
  }

  /** Asks every endpoint and shows what they said; never rejects. */
  async check(): Promise<EndpointState[]> {
    const endpoints = this.models.endpoints();
    if (endpoints.length > 0) {
      this.item.text = `$(sync~spin) ${endpoints[0]!.name}`;
      this.item.show();
    }
    this.states = await this.models.checkAll();
    this.render();
    return this.states;
  }

  private render(): void {
    const gguf = this.models.ggufPath();
    this.item.backgroundColor = undefined;
    if (this.states.length === 0) {
      this.item.text = gguf ? '$(chip) RobustLens: embedded model' : '$(plug) RobustLens: no model';
      this.item.tooltip = gguf ? `Quick-run uses ${gguf} in-process` : 'Set robustlens.endpoints or robustlens.ggufPath to quick-run samples';
    } else {
      const down = this.states.filter((s) => !s.ok);
      const name = this.states.length === 1 ? this.states[0]!.endpoint.name : `${this.states.length - down.length}/${this.states.length} endpoints`;
      this.item.text = `${down.length ? '$(error)' : '$(pass)'} ${name}`;
      this.item.tooltip = `${this.states.map(describeEndpoint).join('\n')}\nClick to check again.`;
      if (down.length) this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    }
    this.item.show();
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
