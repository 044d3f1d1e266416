import { readFile } from 'node:fs/promises';
import type { ProblemSink } from '../formats/index.js';
import { describeIssues } from '../schema/index.js';
import { foldTagEvents, targetKey, type TagTarget, type TargetState } from './events.js';
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
  private events: Awaited<ReturnType<TagJournal['read']>>['events'] = [];

  constructor(
    readonly file: string,
    who: string,
  ) {
    this.journal = new TagJournal(file, who);
  }

  /** Re-reads the journal: after another window or a `git pull` changed it. */
  async load(onProblem: ProblemSink): Promise<void> {
    this.events = (await this.journal.read(onProblem)).events;
    this.state = foldTagEvents(this.events);
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

  async add(target: TagTarget, tag: string): Promise<void> {
    await this.apply(this.journal.add(tagTargetOf(target), tag));
  }

  async remove(target: TagTarget, tag: string): Promise<void> {
    await this.apply(this.journal.remove(tagTargetOf(target), tag));
  }

  async setNote(target: TagTarget, note: string): Promise<void> {
    await this.apply(this.journal.setNote(tagTargetOf(target), note));
  }

  private async apply(written: ReturnType<TagJournal['append']>): Promise<void> {
    this.events.push(await written);
    this.state = foldTagEvents(this.events);
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
    json = JSON.parse(text);
  } catch (err) {
    onProblem({ file, line: 0, severity: 'error', message: `not valid JSON: ${errorMessage(err)}` });
    return [...BUILTIN_CATEGORIES];
  }
  const parsed = taxonomyFile.safeParse(json);
  if (!parsed.success) {
    onProblem({ file, line: 0, severity: 'error', message: `not a valid taxonomy: ${describeIssues(parsed.error)}` });
    return [...BUILTIN_CATEGORIES];
  }
  return mergeTaxonomy(parsed.data.categories);
}
