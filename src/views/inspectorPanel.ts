import * as vscode from 'vscode';
import { entryKey, type EntryFilter } from '../core/index/index.js';
import { buildInspectorModel } from '../core/inspect/inspectorModel.js';
import {
  MessageEndpoint,
  type Envelope,
  type InspectorModel,
  type NavigateRequest,
  type NavigationTarget,
  type NoteRequest,
  type OpenSourceRequest,
  type QuickRunCancelRequest,
  type QuickRunOptionsRequest,
  type QuickRunPreviewRequest,
  type QuickRunRequest,
  type ReadyRequest,
  type TagRequest,
} from '../protocol.js';
import type { ResultsService } from './resultsService.js';
import type { QuickRunService } from './quickRunService.js';
import type { TagService } from './tagService.js';

/** What the inspector reads from and writes to. */
export interface InspectorServices {
  results: ResultsService;
  tags: TagService;
  quickRun: QuickRunService;
  log: vscode.LogOutputChannel;
}
import { webviewHtml } from './webviewHtml.js';

export const INSPECTOR_VIEW_TYPE = 'robustlens.inspector';

/** What the webview keeps in `setState`, so a reload or a restart reopens the same sample. */
export interface InspectorState {
  key?: string;
}

const NAVIGATION: Record<NavigationTarget, { direction: 1 | -1; filter: EntryFilter }> = {
  nextFailure: { direction: 1, filter: { failuresOnly: true } },
  previousFailure: { direction: -1, filter: { failuresOnly: true } },
  nextFlipped: { direction: 1, filter: { anyFlip: true } },
  previousFlipped: { direction: -1, filter: { anyFlip: true } },
  nextUntagged: { direction: 1, filter: { untaggedOnly: true } },
};

/**
 * The one Inspector panel. The host builds the whole view model (it reads the files); the
 * webview renders it. Nothing is posted before the webview's `ready` request arrives.
 */
export class InspectorPanel implements vscode.Disposable {
  private static current: InspectorPanel | undefined;
  private readonly endpoint: MessageEndpoint;
  private readonly disposables: vscode.Disposable[] = [];
  private key: string | undefined;
  private isReady = false;
  private readonly readyOnce: Promise<void>;
  private markReady: () => void = () => undefined;

  static createOrShow(extensionUri: vscode.Uri, services: InspectorServices, key: string, focusQuickRun = false): InspectorPanel {
    if (InspectorPanel.current) {
      InspectorPanel.current.panel.reveal(undefined, true);
    } else {
      const panel = vscode.window.createWebviewPanel(INSPECTOR_VIEW_TYPE, 'RobustLens Inspector', { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, InspectorPanel.options(extensionUri));
      InspectorPanel.current = new InspectorPanel(panel, extensionUri, services);
    }
    void InspectorPanel.current.show(key, focusQuickRun);
    return InspectorPanel.current;
  }

  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, services: InspectorServices, state: InspectorState | undefined): void {
    panel.webview.options = InspectorPanel.options(extensionUri);
    InspectorPanel.current = new InspectorPanel(panel, extensionUri, services);
    if (state?.key) void InspectorPanel.current.show(state.key);
  }

  static get active(): InspectorPanel | undefined {
    return InspectorPanel.current;
  }

  private static options(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
  }

  private readonly results: ResultsService;
  private readonly tags: TagService;
  private readonly log: vscode.LogOutputChannel;
  private focusQuickRunOnReady = false;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    services: InspectorServices,
  ) {
    const { results, tags, quickRun, log } = services;
    this.readyOnce = new Promise((resolve) => (this.markReady = resolve));
    this.results = results;
    this.tags = tags;
    this.log = log;
    const webview = panel.webview;
    const asUri = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', file)).toString();
    webview.html = webviewHtml({ cspSource: webview.cspSource, scriptUri: asUri('main.js'), styleUris: [asUri('main.css')], title: 'RobustLens Inspector' });
    this.endpoint = new MessageEndpoint((e: Envelope) => void webview.postMessage(e));
    this.endpoint.handle<ReadyRequest>('ready', async () => {
      this.isReady = true;
      this.markReady();
      if (this.focusQuickRunOnReady) setTimeout(() => this.endpoint.event({ type: 'focusQuickRun' }), 0);
      return { type: 'ready', view: 'inspector', state: this.key ? await this.model(this.key) : null };
    });
    const entry = () => {
      const e = this.currentEntry();
      if (!e) throw new Error('no sample is shown');
      return e;
    };
    this.endpoint.handle<QuickRunOptionsRequest>('quickRunOptions', () => quickRun.options());
    this.endpoint.handle<QuickRunPreviewRequest>('quickRunPreview', (body) => quickRun.preview(entry(), body.settings));
    this.endpoint.handle<QuickRunRequest>('quickRun', (body) => quickRun.run(entry(), body.settings));
    this.endpoint.handle<QuickRunCancelRequest>('quickRunCancel', () => {
      quickRun.cancel();
      return { type: 'done' };
    });
    this.endpoint.handle<NavigateRequest>('navigate', async (body) => {
      await this.navigate(body.target);
      return { type: 'done' };
    });
    this.endpoint.handle<OpenSourceRequest>('openSource', async () => {
      await this.openSource();
      return { type: 'done' };
    });
    this.endpoint.handle<TagRequest>('tag', async (body) => {
      const entry = this.currentEntry();
      if (entry) await (body.op === 'add' ? this.tags.add(entry, body.tag) : this.tags.remove(entry, body.tag));
      return { type: 'done' };
    });
    this.endpoint.handle<NoteRequest>('note', async (body) => {
      const entry = this.currentEntry();
      if (entry) await this.tags.setNote(entry, body.note);
      return { type: 'done' };
    });
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => void this.endpoint.receive(m)),
      panel.onDidDispose(() => this.dispose()),
      results.onDidChange(() => void (this.key && this.show(this.key))),
      tags.onDidChange(() => void (this.key && this.show(this.key))),
    );
  }

  /** Resolves when the webview has sent its `ready` request: the round trip has worked. */
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
    await this.results.ready();
    const entry = this.results.index.get(key);
    if (!entry) return null;
    const started = Date.now();
    const model = await buildInspectorModel(this.results.index, entry);
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

  async show(key: string, focusQuickRun = false): Promise<void> {
    this.key = key;
    if (!this.isReady) {
      this.focusQuickRunOnReady ||= focusQuickRun;
      return;
    }
    try {
      const model = await this.model(key);
      if (model) {
        this.panel.title = `${model.id} · ${model.split}`;
        this.endpoint.event({ type: 'show', model });
        if (focusQuickRun) this.endpoint.event({ type: 'focusQuickRun' });
      }
    } catch (err) {
      this.log.error(`could not show ${key}: ${(err as Error).message}`);
      void vscode.window.showErrorMessage(`RobustLens: could not show this sample: ${(err as Error).message}`);
    }
  }

  async navigate(target: NavigationTarget): Promise<boolean> {
    await this.results.ready();
    const { direction, filter } = NAVIGATION[target];
    const next = this.results.index.step(this.key, direction, filter);
    if (!next) {
      const what = target === 'nextUntagged' ? 'untagged failures' : target.endsWith('Failure') ? 'failures' : 'flipped samples';
      void vscode.window.showInformationMessage(`RobustLens: no ${what} to go to.`);
      return false;
    }
    await this.show(entryKey(next));
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
    this.endpoint.close('the inspector was closed');
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}
