import { userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { errorMessage } from '../common/errorMessage.js';
import { isWithin, type IndexEntry } from '../core/index/index.js';
import type { Problem } from '../core/formats/index.js';
import { journalFor, journalOf, loadTaxonomy, TagJournals, tagTargetOf, type TagCategory } from '../core/tags/index.js';
import type { ResultsService } from './resultsService.js';
import type { Settings } from './settings.js';

/**
 * The tag journals and the taxonomy. Each results folder (a workspace folder or an added one)
 * keeps its own journal next to its results, unless `robustlens.tagsFile` names one for all; the
 * views read every journal as one. A journal is re-read when its file changes (another window, a
 * `git pull`), so what the views show is always the fold of what is on disk.
 */
export class TagService implements vscode.Disposable {
  private readonly journals = new TagJournals(userInfo().username || 'unknown');
  private taxonomy: TagCategory[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Journals outside the workspace folders, which the workspace's watcher does not see. */
  private readonly outsideWatchers = new Map<string, vscode.Disposable>();
  private firstLoad: Promise<void> | undefined;

  constructor(
    private readonly results: ResultsService,
    private readonly settings: Settings,
    private readonly log: vscode.LogOutputChannel,
  ) {
    results.index.setTagLookup((e) => this.journals.tagsOf(tagTargetOf(e)));
    const reload = () => this.loadInBackground();
    this.disposables.push(
      ...this.watch(vscode.workspace.createFileSystemWatcher('**/.robustlens/*.{jsonl,json}')),
      settings.onDidChange((keys) => keys.has('tagsFile') && reload()),
      // A results folder added or removed brings or takes away its journal.
      results.onDidChange(() => this.journals.setFiles(this.journalFiles()) && reload()),
    );
  }

  /** `robustlens.tagsFile`, when set: the one journal every tag goes to. */
  private override(): string | undefined {
    const configured = this.settings.get('tagsFile');
    return configured ? this.settings.resolvePath(configured) : undefined;
  }

  /** Every journal the views read: the override, if any, and the one next to each results folder. */
  private journalFiles(): string[] {
    const override = this.override();
    return [...new Set([...(override ? [override] : []), ...this.results.roots().map(journalOf)])];
  }

  /**
   * The journal a tag on `entry` goes to: the override, else the one next to the results folder
   * holding the sample's file. Without an entry, the first results folder's.
   */
  journalFile(entry?: IndexEntry): string | undefined {
    const roots = this.results.roots();
    if (entry) return this.override() ?? journalFor(entry.source, roots);
    return this.override() ?? (roots[0] === undefined ? undefined : journalOf(roots[0]));
  }

  /** A load nobody waits for: a failure goes to the log. */
  loadInBackground(): void {
    const loading = this.loadLogged();
    this.firstLoad ??= loading;
  }

  /** Resolves once the journals have been read at least once, so no view shows a tagged sample as untagged. */
  ready(): Promise<void> {
    return (this.firstLoad ??= this.loadLogged());
  }

  private loadLogged(): Promise<void> {
    return this.load().catch((err: unknown) => this.log.error(`tags could not be read: ${errorMessage(err)}`));
  }

  async load(): Promise<void> {
    const problems: Problem[] = [];
    const folder = this.settings.workspaceFolder();
    this.taxonomy = await loadTaxonomy(folder ? join(folder, '.robustlens', 'taxonomy.json') : undefined, (p) => problems.push(p));
    const files = this.journalFiles();
    this.journals.setFiles(files);
    this.watchOutside(files);
    await this.journals.load((p) => problems.push(p));
    for (const p of problems) this.log.warn(`${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
    this.changed.fire();
  }

  private watch(watcher: vscode.FileSystemWatcher): vscode.Disposable[] {
    const reload = () => this.loadInBackground();
    return [watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(reload)];
  }

  private watchOutside(files: readonly string[]): void {
    const workspace = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
    const outside = new Set(files.filter((f) => !workspace.some((w) => isWithin(f, w))));
    for (const [file, watcher] of this.outsideWatchers) {
      if (outside.has(file)) continue;
      watcher.dispose();
      this.outsideWatchers.delete(file);
    }
    for (const file of outside) {
      if (this.outsideWatchers.has(file)) continue;
      const parts = this.watch(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dirname(file)), basename(file))));
      this.outsideWatchers.set(file, vscode.Disposable.from(...parts));
    }
  }

  categories(): TagCategory[] {
    return this.taxonomy;
  }

  tagsOf(entry: IndexEntry): string[] {
    return [...this.journals.tagsOf(tagTargetOf(entry))].sort();
  }

  noteOf(entry: IndexEntry): string {
    return this.journals.noteOf(tagTargetOf(entry)) ?? '';
  }

  /** The journal a change to `entry`'s tags is written to, once writing is allowed. */
  private writableJournal(entry: IndexEntry): string {
    if (!vscode.workspace.isTrusted) throw new Error('tags are not written in an untrusted workspace');
    const file = this.journalFile(entry);
    if (!file) throw new Error(`${entry.source} is in no results folder: add its folder (RobustLens: Add Results Folder) to keep tags next to it`);
    return file;
  }

  async add(entry: IndexEntry, tag: string): Promise<void> {
    await this.journals.add(this.writableJournal(entry), tagTargetOf(entry), tag);
    this.changed.fire();
  }

  async remove(entry: IndexEntry, tag: string): Promise<void> {
    await this.journals.remove(this.writableJournal(entry), tagTargetOf(entry), tag);
    this.changed.fire();
  }

  async setNote(entry: IndexEntry, note: string): Promise<void> {
    await this.journals.setNote(this.writableJournal(entry), tagTargetOf(entry), note);
    this.changed.fire();
  }

  /** Every tagged entry the index knows, with its tags. */
  taggedEntries(): Array<{ entry: IndexEntry; tags: string[] }> {
    return this.results.index
      .entries()
      .map((entry) => ({ entry, tags: this.tagsOf(entry) }))
      .filter((t) => t.tags.length > 0);
  }

  dispose(): void {
    for (const d of [...this.disposables, ...this.outsideWatchers.values()]) d.dispose();
  }
}
