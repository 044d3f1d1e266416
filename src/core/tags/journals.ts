import { join } from 'node:path';
import { withPath } from '../../common/errorMessage.js';
import type { ProblemSink } from '../formats/index.js';
import { innermostFolderOf } from '../index/index.js';
import { foldTagEvents, targetKey, type TagTarget, type TargetState } from './events.js';
import { TagStore } from './tagStore.js';

const EMPTY: ReadonlySet<string> = new Set();

/** The journal kept next to the results of a folder. */
export function journalOf(folder: string): string {
  return join(folder, '.robustlens', 'tags.jsonl');
}

/** The journal a tag on a sample from `source` goes to: the one of the innermost results folder holding it. */
export function journalFor(source: string, resultsFolders: readonly string[]): string | undefined {
  const folder = innermostFolderOf(source, resultsFolders);
  return folder === undefined ? undefined : journalOf(folder);
}

/**
 * Several journals read as one. Their events fold together, ordered by time, so a tag added in one
 * journal and removed in another (an older journal, a merge) ends removed; each write goes to the
 * journal its caller names.
 */
export class TagJournals {
  private readonly stores = new Map<string, TagStore>();
  private state = new Map<string, TargetState>();

  constructor(private readonly who: string) {}

  /** Keeps the journals still listed (with what they hold), opens the new ones; true when the list changed. */
  setFiles(files: readonly string[]): boolean {
    const wanted = new Set(files);
    const changed = wanted.size !== this.stores.size || files.some((f) => !this.stores.has(f));
    for (const file of this.stores.keys()) if (!wanted.has(file)) this.stores.delete(file);
    for (const file of wanted) this.storeOf(file);
    if (changed) this.refold();
    return changed;
  }

  /** Re-reads every journal; a journal that does not exist yet holds nothing, one that cannot be read is named in the error. */
  async load(onProblem: ProblemSink): Promise<void> {
    await Promise.all(
      [...this.stores.values()].map((s) =>
        s.load(onProblem).catch((err: unknown) => {
          throw withPath(err, s.file);
        }),
      ),
    );
    this.refold();
  }

  tagsOf(target: TagTarget): ReadonlySet<string> {
    return this.state.get(targetKey(target))?.tags ?? EMPTY;
  }

  noteOf(target: TagTarget): string | undefined {
    return this.state.get(targetKey(target))?.note;
  }

  add(file: string, target: TagTarget, tag: string): Promise<void> {
    return this.write(file, (s) => s.add(target, tag));
  }

  remove(file: string, target: TagTarget, tag: string): Promise<void> {
    return this.write(file, (s) => s.remove(target, tag));
  }

  setNote(file: string, target: TagTarget, note: string): Promise<void> {
    return this.write(file, (s) => s.setNote(target, note));
  }

  private async write(file: string, change: (store: TagStore) => Promise<void>): Promise<void> {
    await change(this.storeOf(file));
    this.refold();
  }

  private storeOf(file: string): TagStore {
    let store = this.stores.get(file);
    if (!store) this.stores.set(file, (store = new TagStore(file, this.who)));
    return store;
  }

  private refold(): void {
    this.state = foldTagEvents([...this.stores.values()].flatMap((s) => s.events()));
  }
}
