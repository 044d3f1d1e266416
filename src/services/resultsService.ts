import { sep } from 'node:path';
import * as vscode from 'vscode';
import { errorMessage } from '../common/errorMessage.js';
import { foldedMessage, foldProblems, type Problem } from '../core/formats/index.js';
import { BfclQuestionText, discoverSources, ResultIndex, type EntryFilter, type FoundSource, type IndexEntry } from '../core/index/index.js';
import type { NavigationTarget } from '../protocol.js';
import type { Settings } from './settings.js';

/** Where each way of stepping through the results goes, and which samples it stops at. */
const NAVIGATION: Record<NavigationTarget, { direction: 1 | -1; filter: EntryFilter }> = {
  nextFailure: { direction: 1, filter: { failuresOnly: true } },
  previousFailure: { direction: -1, filter: { failuresOnly: true } },
  nextFlipped: { direction: 1, filter: { anyFlip: true } },
  previousFlipped: { direction: -1, filter: { anyFlip: true } },
  nextUntagged: { direction: 1, filter: { untaggedOnly: true } },
};

/**
 * Keeps the result index in step with the workspace: the workspace folders plus the folders in
 * `robustlens.resultsFolders`. File changes reload only the source they belong to. Bad lines
 * go to the Problems panel with their file and line.
 */
export class ResultsService implements vscode.Disposable {
  readonly index = new ResultIndex();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('robustlens');
  private readonly disposables: vscode.Disposable[] = [this.changed, this.diagnostics];
  private readonly problemsBySource = new Map<string, Problem[]>();
  private sources: FoundSource[] = [];
  private pending: NodeJS.Timeout | undefined;
  private loading: Promise<void> | undefined;
  private questionText: { folders: string[]; text: BfclQuestionText } | undefined;

  constructor(
    private readonly settings: Settings,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{jsonl,json}');
    const onFile = (uri: vscode.Uri) => this.scheduleReload(uri.fsPath);
    this.disposables.push(
      watcher,
      watcher.onDidChange(onFile),
      watcher.onDidCreate(onFile),
      watcher.onDidDelete(onFile),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.reloadInBackground()),
      settings.onDidChange((keys) => (keys.has('resultsFolders') || keys.has('bfclDataFolders')) && this.reloadInBackground()),
    );
  }

  /** A reload nobody waits for: a failure goes to the log. */
  reloadInBackground(): void {
    this.reload().catch((err: unknown) => this.log.error(`indexing failed: ${errorMessage(err)}`));
  }

  roots(): string[] {
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
    return [...folders, ...this.settings.get('resultsFolders').map((p) => this.settings.resolvePath(p))];
  }

  /** The sample one step from `fromKey` (from the start or end without one) the way `target` goes. */
  async step(fromKey: string | undefined, target: NavigationTarget): Promise<IndexEntry | undefined> {
    await this.ready();
    const { direction, filter } = NAVIGATION[target];
    return this.index.step(fromKey, direction, filter);
  }

  /** Rediscovers every root and reloads every source. */
  reload(): Promise<void> {
    this.loading = (async () => {
      const started = Date.now();
      await vscode.commands.executeCommand('setContext', 'robustlens.indexing', true);
      this.index.clear();
      this.problemsBySource.clear();
      this.sources = [];
      for (const root of this.roots()) this.sources.push(...(await discoverSources(root)));
      for (const source of this.sources) await this.loadOne(source);
      this.publishProblems();
      this.log.info(`indexed ${this.index.size} samples from ${this.sources.length} sources in ${Date.now() - started} ms`);
      this.changed.fire();
    })().finally(() => void vscode.commands.executeCommand('setContext', 'robustlens.indexing', false));
    return this.loading;
  }

  /** Resolves when the current (re)load is done. */
  ready(): Promise<void> {
    return this.loading ?? this.reload();
  }

  /** BFCL's question texts, read once per file; made anew when the folders setting changes. */
  private questions(): BfclQuestionText {
    const folders = this.settings.get('bfclDataFolders').map((p) => this.settings.resolvePath(p));
    if (this.questionText?.folders.join('\0') !== folders.join('\0')) this.questionText = { folders, text: new BfclQuestionText(folders) };
    return this.questionText.text;
  }

  private async loadOne(source: FoundSource): Promise<void> {
    const problems: Problem[] = [];
    try {
      const summary = await this.index.load(source, (p) => problems.push(p), { questions: this.questions() });
      this.log.debug(`loaded ${summary.entries.length} samples from ${source.path}`);
    } catch (err) {
      problems.push({ file: source.path, line: 0, severity: 'error', message: `could not be read: ${errorMessage(err)}` });
    }
    this.problemsBySource.set(source.path, problems);
  }

  private scheduleReload(file: string): void {
    // The tag journal lives there and changes on every tag; it is not a result.
    if (file.includes(`${sep}.robustlens${sep}`)) return;
    clearTimeout(this.pending);
    this.pending = setTimeout(() => this.reloadFor(file).catch((err: unknown) => this.log.error(`reloading after a change to ${file} failed: ${errorMessage(err)}`)), 300);
  }

  /** A changed file reloads its own source; an unknown file may be a new source. */
  private async reloadFor(file: string): Promise<void> {
    const source = this.sources.find((s) => file === s.path || file.startsWith(`${s.path}${sep}`) || s.files?.includes(file));
    if (!source) return this.reload();
    await this.loadOne(source);
    this.publishProblems();
    this.changed.fire();
  }

  /** One diagnostic per file and kind of problem: a file with a thousand bad lines of one kind shows one entry with a count. */
  private publishProblems(): void {
    this.diagnostics.clear();
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const p of foldProblems([...this.problemsBySource.values()].flat())) {
      const line = Math.max(0, p.line - 1);
      const d = new vscode.Diagnostic(new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER), foldedMessage(p), p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      d.source = 'RobustLens';
      byFile.set(p.file, [...(byFile.get(p.file) ?? []), d]);
    }
    for (const [file, list] of byFile) this.diagnostics.set(vscode.Uri.file(file), list);
  }

  dispose(): void {
    clearTimeout(this.pending);
    for (const d of this.disposables) d.dispose();
  }
}
