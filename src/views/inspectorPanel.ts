import * as vscode from 'vscode';
import { errorMessage } from '../common/errorMessage.js';
import { entryKey } from '../core/index/index.js';
import { buildInspectorModel } from '../core/inspect/index.js';
import { inspectorHostEndpoint, type InspectorHostEndpoint, type InspectorModel, type InspectorSection, type NavigationTarget } from '../protocol.js';
import type { BfclQuestionFiles } from '../services/bfclQuestionFiles.js';
import type { QuickRunService } from '../services/quickRunService.js';
import type { ResultsService } from '../services/resultsService.js';
import type { TagService } from '../services/tagService.js';
import { connectPanel, panelOptions } from './webviewPanels.js';

/** What the inspector reads from and writes to. */
export interface InspectorServices {
  results: ResultsService;
  tags: TagService;
  quickRun: QuickRunService;
  questions: BfclQuestionFiles;
  log: vscode.LogOutputChannel;
}

export const INSPECTOR_VIEW_TYPE = 'robustlens.inspector';

/** What the webview keeps in `setState`, so a reload or a restart reopens the same sample. */
export interface InspectorState {
  key?: string;
}

/**
 * The one Inspector panel. The host builds the whole view model (it reads the files); the
 * webview renders it. The webview's document is destroyed while the panel is hidden, so each
 * showing starts with a new `ready` handshake whose reply carries the sample; nothing is posted
 * before it. A section to focus is asked for once, by the command that opened the panel.
 */
export class InspectorPanel implements vscode.Disposable {
  private static current: InspectorPanel | undefined;
  private readonly endpoint: InspectorHostEndpoint;
  private readonly disposables: vscode.Disposable[] = [];
  private key: string | undefined;
  /** The key the webview shows now, so a handshake that raced a change can catch up. */
  private shownKey: string | undefined;
  /** Asked for by a command and not yet delivered: used once, then forgotten. */
  private pendingFocus: InspectorSection | undefined;
  private readonly readyOnce: Promise<void>;
  private markReady: () => void = () => undefined;
  private readonly results: ResultsService;
  private readonly tags: TagService;
  private readonly questions: BfclQuestionFiles;
  private readonly log: vscode.LogOutputChannel;

  static createOrShow(extensionUri: vscode.Uri, services: InspectorServices, key: string, focus?: InspectorSection, column = vscode.ViewColumn.Active): InspectorPanel {
    if (InspectorPanel.current) {
      InspectorPanel.current.panel.reveal(undefined, true);
    } else {
      const panel = vscode.window.createWebviewPanel(INSPECTOR_VIEW_TYPE, 'RobustLens Inspector', { viewColumn: column, preserveFocus: false }, panelOptions(extensionUri));
      InspectorPanel.current = new InspectorPanel(panel, extensionUri, services);
    }
    InspectorPanel.current.show(key, focus);
    return InspectorPanel.current;
  }

  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, services: InspectorServices, state: InspectorState | undefined): void {
    panel.webview.options = panelOptions(extensionUri);
    InspectorPanel.current = new InspectorPanel(panel, extensionUri, services);
    if (state?.key) InspectorPanel.current.show(state.key);
  }

  static get active(): InspectorPanel | undefined {
    return InspectorPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    services: InspectorServices,
  ) {
    const { results, tags, quickRun, questions, log } = services;
    this.readyOnce = new Promise((resolve) => (this.markReady = resolve));
    this.results = results;
    this.tags = tags;
    this.questions = questions;
    this.log = log;
    const connected = connectPanel(panel, extensionUri, { script: 'main.js', style: 'main.css', title: 'RobustLens Inspector' }, inspectorHostEndpoint, log);
    this.endpoint = connected.endpoint;
    this.registerHandlers(quickRun);
    this.endpoint.onReady(() => {
      this.markReady();
      // The sample changed while the reply was being built: show the newer one.
      if (this.key !== this.shownKey) this.show(this.key!);
    });
    const refresh = () => this.key && this.show(this.key);
    this.disposables.push(
      ...connected.disposables,
      panel.onDidDispose(() => this.dispose()),
      results.onDidChange(refresh),
      tags.onDidChange(refresh),
      // Before the handshake the webview asks for the options itself; after it, it hears of changes.
      quickRun.watchModels((options) => this.endpoint.event({ type: 'quickRunModels', options })),
    );
  }

  private registerHandlers(quickRun: QuickRunService): void {
    const entry = () => {
      const e = this.currentEntry();
      if (!e) throw new Error('no sample is shown');
      return e;
    };
    this.endpoint.handle('ready', async () => {
      const key = this.key;
      const focus = this.pendingFocus;
      this.pendingFocus = undefined;
      const model = key ? await this.model(key) : null;
      this.shownKey = model ? key : undefined;
      return { type: 'ready', view: 'inspector', state: { model, ...(focus ? { focus } : {}) } };
    });
    this.endpoint.handle('quickRunOptions', () => quickRun.options());
    this.endpoint.handle('quickRunPreview', (body) => quickRun.preview(entry(), body.settings));
    this.endpoint.handle('quickRun', (body) => quickRun.run(entry(), body.settings));
    this.endpoint.handle('quickRunCancel', () => {
      quickRun.cancel();
      return { type: 'done' };
    });
    this.endpoint.handle('navigate', async (body) => {
      await this.navigate(body.target);
      return { type: 'done' };
    });
    this.endpoint.handle('openSource', async () => {
      await this.openSource();
      return { type: 'done' };
    });
    this.endpoint.handle('tag', async (body) => {
      await (body.op === 'add' ? this.tags.add(entry(), body.tag) : this.tags.remove(entry(), body.tag));
      return { type: 'done' };
    });
    this.endpoint.handle('note', async (body) => {
      await this.tags.setNote(entry(), body.note);
      return { type: 'done' };
    });
  }

  /** Resolves when the webview has sent its first `ready` request and had its reply. */
  whenReady(): Promise<void> {
    return this.readyOnce;
  }

  get currentKey(): string | undefined {
    return this.key;
  }

  private currentEntry() {
    return this.key ? this.results.index.get(this.key) : undefined;
  }

  private async model(key: string): Promise<InspectorModel | null> {
    await Promise.all([this.results.ready(), this.tags.ready()]);
    const entry = this.results.index.get(key);
    if (!entry) return null;
    const started = Date.now();
    const model = await buildInspectorModel(this.results.index, entry, this.questions.finder());
    model.tagging = {
      tags: this.tags.tagsOf(entry),
      note: this.tags.noteOf(entry),
      categories: this.tags.categories().map((c) => ({ id: c.id, label: c.label, description: c.description, ...(c.key ? { key: c.key } : {}) })),
      journal: this.tags.journalFile() ?? '(open a folder to keep tags)',
      writable: vscode.workspace.isTrusted && this.tags.journalFile() !== undefined,
    };
    this.log.debug(`inspector model for ${entry.id} (${entry.split}) built in ${Date.now() - started} ms`);
    return model;
  }

  /**
   * Shows a sample: at once when the webview is ready, else in the reply to its `ready`. Never
   * rejects: a sample that cannot be read is reported to the user and the log.
   */
  show(key: string, focus?: InspectorSection): void {
    this.key = key;
    if (!this.endpoint.isReady) {
      if (focus) this.pendingFocus = focus;
      return;
    }
    this.model(key).then(
      (model) => {
        // A newer show or a new handshake took over while this model was built.
        if (!model || this.key !== key || !this.endpoint.isReady) return;
        this.panel.title = `${model.id} · ${model.split}`;
        if (this.endpoint.event({ type: 'show', model, ...(focus ? { focus } : {}) })) this.shownKey = key;
      },
      (err: unknown) => {
        this.log.error(`could not show ${key}: ${errorMessage(err)}`);
        void vscode.window.showErrorMessage(`RobustLens: could not show this sample: ${errorMessage(err)}`);
      },
    );
  }

  async navigate(target: NavigationTarget): Promise<boolean> {
    const next = await this.results.step(this.key, target);
    if (!next) {
      const what = target === 'nextUntagged' ? 'untagged failures' : target.endsWith('Failure') ? 'failures' : 'flipped samples';
      void vscode.window.showInformationMessage(`RobustLens: no ${what} to go to.`);
      return false;
    }
    this.show(entryKey(next));
    return true;
  }

  async openSource(): Promise<void> {
    const entry = this.currentEntry();
    if (!entry) return;
    const line = Math.max(0, entry.record.line - 1);
    await vscode.window.showTextDocument(vscode.Uri.file(entry.record.file), { selection: new vscode.Range(line, 0, line, 0), viewColumn: vscode.ViewColumn.Beside });
  }

  dispose(): void {
    if (InspectorPanel.current === this) InspectorPanel.current = undefined;
    this.endpoint.reset('the inspector was closed');
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}
