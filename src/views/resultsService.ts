import { sep } from 'node:path';
import * as vscode from 'vscode';
import { discoverSources, ResultIndex, type FoundSource } from '../core/index/index.js';
import type { Problem } from '../core/formats/problems.js';

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

  constructor(private readonly log: vscode.LogOutputChannel) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{jsonl,json}');
    const onFile = (uri: vscode.Uri) => this.scheduleReload(uri.fsPath);
    this.disposables.push(
      watcher,
      watcher.onDidChange(onFile),
      watcher.onDidCreate(onFile),
      watcher.onDidDelete(onFile),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reload()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('robustlens.resultsFolders')) void this.reload();
      }),
    );
  }

  roots(): string[] {
    const configured = vscode.workspace.getConfiguration('robustlens').get<string[]>('resultsFolders', []);
    const folders = vscode.workspace.workspaceFolders ?? [];
    const resolve = (p: string) => (p.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(p) || !folders[0] ? p : vscode.Uri.joinPath(folders[0].uri, p).fsPath);
    return [...folders.map((f) => f.uri.fsPath), ...configured.map(resolve)];
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

  private async loadOne(source: FoundSource): Promise<void> {
    const problems: Problem[] = [];
    try {
      const summary = await this.index.load(source, (p) => problems.push(p));
      this.log.debug(`loaded ${summary.entries.length} samples from ${source.path}`);
    } catch (err) {
      problems.push({ file: source.path, line: 0, severity: 'error', message: `could not be read: ${(err as Error).message}` });
    }
    this.problemsBySource.set(source.path, problems);
  }

  private scheduleReload(file: string): void {
    // The tag journal lives there and changes on every tag; it is not a result.
    if (file.includes(`${sep}.robustlens${sep}`)) return;
    clearTimeout(this.pending);
    this.pending = setTimeout(() => void this.reloadFor(file), 300);
  }

  /** A changed file reloads its own source; an unknown file may be a new source. */
  private async reloadFor(file: string): Promise<void> {
    const source = this.sources.find((s) => file === s.path || file.startsWith(`${s.path}${sep}`) || s.files?.includes(file));
    if (!source) return this.reload();
    await this.loadOne(source);
    this.publishProblems();
    this.changed.fire();
  }

  private publishProblems(): void {
    this.diagnostics.clear();
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const problems of this.problemsBySource.values()) {
      for (const p of problems) {
        const line = Math.max(0, p.line - 1);
        const d = new vscode.Diagnostic(new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER), p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
        d.source = 'RobustLens';
        byFile.set(p.file, [...(byFile.get(p.file) ?? []), d]);
      }
    }
    for (const [file, list] of byFile) this.diagnostics.set(vscode.Uri.file(file), list);
  }

  dispose(): void {
    clearTimeout(this.pending);
    for (const d of this.disposables) d.dispose();
  }
}
