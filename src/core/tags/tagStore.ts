import { readFile } from 'node:fs/promises';
import type { ProblemSink } from '../formats/index.js';
import { describeIssues, notJsonReason, parseJson } from '../schema/index.js';
import { foldTagEvents, targetKey, type TagEvent, type TagTarget, type TargetState } from './events.js';
import { TagJournal } from './journal.js';
import { mergeTaxonomy, taxonomyFile, type TagCategory, BUILTIN_CATEGORIES } from './taxonomy.js';
import { errorMessage } from '../../common/errorMessage.js';

const EMPTY: ReadonlySet<string> = new Set();

/** The target a tag is attached to, for anything that names a run, a model, a split and an id. */
export function tagTargetOf(e: TagTarget): TagTarget {
  return { run: e.run, model: e.model, split: e.split, id: e.id };
}

/** The journal and its folded state, read once and kept current as this process writes. */
export class TagStore {
  private readonly journal: TagJournal;
  private state = new Map<string, TargetState>();
  private eventList: TagEvent[] = [];
  /**
   * Loads and appends run one at a time: a load that read the file before an append landed and
   * finished after it would put back a state without that tag, and the views would lose it.
   */
  private queue: Promise<unknown> = Promise.resolve();

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  constructor(
    readonly file: string,
    who: string,
  ) {
    this.journal = new TagJournal(file, who);
  }

  /** Re-reads the journal: after another window or a `git pull` changed it. */
  load(onProblem: ProblemSink): Promise<void> {
    return this.serial(async () => {
      this.eventList = (await this.journal.read(onProblem)).events;
      this.state = foldTagEvents(this.eventList);
    });
  }

  /** The events read and written so far, for folding several journals together. */
  events(): readonly TagEvent[] {
    return this.eventList;
  }

  tagsOf(target: TagTarget): ReadonlySet<string> {
    return this.state.get(targetKey(target))?.tags ?? EMPTY;
  }

  noteOf(target: TagTarget): string | undefined {
    return this.state.get(targetKey(target))?.note;
  }

  /** Every target with at least one tag or a note. */
  tagged(): TargetState[] {
    return [...this.state.values()];
  }

  add(target: TagTarget, tag: string): Promise<void> {
    return this.apply(() => this.journal.add(tagTargetOf(target), tag));
  }

  remove(target: TagTarget, tag: string): Promise<void> {
    return this.apply(() => this.journal.remove(tagTargetOf(target), tag));
  }

  setNote(target: TagTarget, note: string): Promise<void> {
    return this.apply(() => this.journal.setNote(tagTargetOf(target), note));
  }

  /** The event joins the state only once it is fsynced: what the views show is on disk. */
  private apply(write: () => ReturnType<TagJournal['append']>): Promise<void> {
    return this.serial(async () => {
      this.eventList.push(await write());
      this.state = foldTagEvents(this.eventList);
    });
  }
}

/** The built-in categories plus the workspace's `.robustlens/taxonomy.json`, when there is one. */
export async function loadTaxonomy(file: string | undefined, onProblem: ProblemSink): Promise<TagCategory[]> {
  if (!file) return [...BUILTIN_CATEGORIES];
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') onProblem({ file, line: 0, severity: 'error', message: `cannot read: ${errorMessage(err)}` });
    return [...BUILTIN_CATEGORIES];
  }
  let json: unknown;
  try {
    json = parseJson(text);
  } catch (err) {
    onProblem({ file, line: 0, severity: 'error', message: `the taxonomy ${notJsonReason(err)}` });
    return [...BUILTIN_CATEGORIES];
  }
  const parsed = taxonomyFile.safeParse(json);
  if (!parsed.success) {
    onProblem({ file, line: 0, severity: 'error', message: `not a valid taxonomy: ${describeIssues(parsed.error)}` });
    return [...BUILTIN_CATEGORIES];
  }
  return mergeTaxonomy(parsed.data.categories);
}
