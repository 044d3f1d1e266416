import { userInfo } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { errorMessage } from '../common/errorMessage.js';
import type { IndexEntry } from '../core/index/index.js';
import type { Problem } from '../core/formats/index.js';
import { loadTaxonomy, TagStore, tagTargetOf, type TagCategory } from '../core/tags/index.js';
import type { ResultsService } from './resultsService.js';
import type { Settings } from './settings.js';

/**
 * The workspace's tag journal and taxonomy. The journal is re-read when the file changes (another
 * window, a `git pull`), so what the views show is always the fold of what is on disk.
 */
export class TagService implements vscode.Disposable {
  private store: TagStore | undefined;
  private taxonomy: TagCategory[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private firstLoad: Promise<void> | undefined;

  constructor(
    private readonly results: ResultsService,
    private readonly settings: Settings,
    private readonly log: vscode.LogOutputChannel,
  ) {
    results.index.setTagLookup((e) => this.store?.tagsOf(tagTargetOf(e)) ?? new Set());
    const watcher = vscode.workspace.createFileSystemWatcher('**/.robustlens/*.{jsonl,json}');
    const reload = () => this.loadInBackground();
    this.disposables.push(
      watcher,
      watcher.onDidChange(reload),
      watcher.onDidCreate(reload),
      watcher.onDidDelete(reload),
      settings.onDidChange((keys) => keys.has('tagsFile') && reload()),
    );
  }

  /** `robustlens.tagsFile`, else `.robustlens/tags.jsonl` in the first workspace folder. */
  journalFile(): string | undefined {
    const configured = this.settings.get('tagsFile');
    if (configured) return this.settings.resolvePath(configured);
    const folder = this.settings.workspaceFolder();
    return folder ? join(folder, '.robustlens', 'tags.jsonl') : undefined;
  }

  /** A load nobody waits for: a failure goes to the log. */
  loadInBackground(): void {
    const loading = this.loadLogged();
    this.firstLoad ??= loading;
  }

  /** Resolves once the journal has been read at least once, so no view shows a tagged sample as untagged. */
  ready(): Promise<void> {
    return (this.firstLoad ??= this.loadLogged());
  }

  private loadLogged(): Promise<void> {
    return this.load().catch((err: unknown) => this.log.error(`tags could not be read: ${errorMessage(err)}`));
  }

  async load(): Promise<void> {
    const problems: Problem[] = [];
    const file = this.journalFile();
    const folder = this.settings.workspaceFolder();
    this.taxonomy = await loadTaxonomy(folder ? join(folder, '.robustlens', 'taxonomy.json') : undefined, (p) => problems.push(p));
    if (file) {
      if (this.store?.file !== file) this.store = new TagStore(file, userInfo().username || 'unknown');
      await this.store.load((p) => problems.push(p));
    }
    for (const p of problems) this.log.warn(`${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`);
    this.changed.fire();
  }

  categories(): TagCategory[] {
    return this.taxonomy;
  }

  tagsOf(entry: IndexEntry): string[] {
    return [...(this.store?.tagsOf(tagTargetOf(entry)) ?? [])].sort();
  }

  noteOf(entry: IndexEntry): string {
    return this.store?.noteOf(tagTargetOf(entry)) ?? '';
  }

  private writable(): TagStore {
    if (!vscode.workspace.isTrusted) throw new Error('tags are not written in an untrusted workspace');
    if (!this.store) throw new Error('open a folder first: tags are kept in .robustlens/tags.jsonl next to the results');
    return this.store;
  }

  async add(entry: IndexEntry, tag: string): Promise<void> {
    await this.writable().add(tagTargetOf(entry), tag);
    this.changed.fire();
  }

  async remove(entry: IndexEntry, tag: string): Promise<void> {
    await this.writable().remove(tagTargetOf(entry), tag);
    this.changed.fire();
  }

  async setNote(entry: IndexEntry, note: string): Promise<void> {
    await this.writable().setNote(tagTargetOf(entry), note);
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
    for (const d of this.disposables) d.dispose();
  }
}
