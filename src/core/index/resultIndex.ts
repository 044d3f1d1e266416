import type { SampleScope } from '../../common/reportData.js';
import type { ProblemSink } from '../formats/index.js';
import { PERTURBATION_IDS } from '../perturb/index.js';
import type { FoundSource } from './discover.js';
import type { IndexEntry, SourceSummary } from './entries.js';
import { type LoadContext, loadSource } from './loadSources.js';

export interface EntryFilter {
  failuresOnly?: boolean;
  /** Perturbed samples that fail while the same model passed the clean sample. */
  flippedOnly?: boolean;
  /** Samples whose verdict differs from the same (split, id) in another run. */
  flippedBetweenRuns?: boolean;
  /** Either kind of flip: what "next flipped sample" steps through. */
  anyFlip?: boolean;
  /** Matched case-insensitively against the id and the prompt. */
  text?: string;
  /** Samples carrying this tag. */
  tag?: string;
  /** Failures nobody has tagged yet: the triage queue. */
  untaggedOnly?: boolean;
  /** Exactly the samples behind a figure of a report (a bar, a cell, a count). */
  scope?: SampleScope;
}

/** The active parts of a filter in words, for a view's description: `search "weather" · failures only`. */
export function describeFilter(filter: EntryFilter): string {
  const parts = [
    filter.text ? `search "${filter.text}"` : '',
    filter.failuresOnly ? 'failures only' : '',
    filter.flippedOnly ? 'flipped from clean' : '',
    filter.flippedBetweenRuns ? 'differs between runs' : '',
    filter.anyFlip ? 'flipped' : '',
    filter.tag ? `tag "${filter.tag}"` : '',
    filter.untaggedOnly ? 'untagged failures' : '',
    filter.scope ? filter.scope.label : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

/**
 * A sample's label in a tree under its run, model and split: RobustBench-TC ids repeat their
 * benchmark and category (`bfcl_v4__BFCL_v4_multiple__multiple_0`), so only the last part is
 * shown (`multiple_0`); a bare number keeps the part before it (`rlla_sft 17`).
 */
export function shortSampleLabel(id: string): string {
  const parts = id.split('__').filter(Boolean);
  if (parts.length < 2) return id;
  const last = parts.at(-1)!;
  return /^\d+$/.test(last) ? `${parts.at(-2)!} ${last}` : last;
}

/** The tags of an entry, from the tag store the host keeps. */
export type TagLookup = (entry: IndexEntry) => ReadonlySet<string>;

const NO_TAGS: ReadonlySet<string> = new Set();

/** A scope's id list as a set, made once per scope. */
const scopeIds = new WeakMap<SampleScope, ReadonlySet<string>>();

function inScope(entry: IndexEntry, scope: SampleScope): boolean {
  if (!scope.runs.some((r) => r.run === entry.run && r.model === entry.model)) return false;
  if (scope.component !== undefined && entry.component !== scope.component) return false;
  if (scope.split !== undefined && entry.split !== scope.split) return false;
  if (scope.ids) {
    let ids = scopeIds.get(scope);
    if (!ids) scopeIds.set(scope, (ids = new Set(scope.ids)));
    if (!ids.has(entry.id)) return false;
  }
  return true;
}

export interface Counts {
  total: number;
  pass: number;
  fail: number;
  unscored: number;
  /** Of the scored samples, those of the clean split, so clean and perturbed accuracy can be told apart. */
  cleanPass: number;
  cleanFail: number;
}

export type TreeLevel = 'run' | 'model' | 'component' | 'split';

export interface GroupNode {
  kind: 'group';
  level: TreeLevel;
  key: string;
  label: string;
  counts: Counts;
  children: TreeNode[];
}

export interface EntryNode {
  kind: 'entry';
  key: string;
  entry: IndexEntry;
  flippedFromClean: boolean;
  flippedBetweenRuns: boolean;
}

export type TreeNode = GroupNode | EntryNode;

export function entryKey(e: Pick<IndexEntry, 'source' | 'model' | 'split' | 'id'>): string {
  return JSON.stringify([e.source, e.model, e.split, e.id]);
}

const COMPONENT_ORDER = ['clean', 'observation', 'action', 'reward', 'transition'];
const SPLIT_ORDER = new Map<string, number>(['clean', ...PERTURBATION_IDS].map((id, i) => [id, i]));

function compareSplits(a: string, b: string): number {
  return (SPLIT_ORDER.get(a) ?? 1e6) - (SPLIT_ORDER.get(b) ?? 1e6) || a.localeCompare(b);
}

/** `multiple_9` before `multiple_10`. */
const naturalId = new Intl.Collator('en', { numeric: true }).compare;

/**
 * Every result the workspace holds, as entries that point into their files. Sources are
 * loaded and replaced one at a time, so a changed file costs only its own reload.
 */
export class ResultIndex {
  private readonly sources = new Map<string, SourceSummary>();
  private ordered: IndexEntry[] | undefined;
  private byKey: Map<string, IndexEntry> | undefined;
  private cleanFlips: Set<string> | undefined;
  private runFlips: Set<string> | undefined;
  private tagsOf: TagLookup = () => NO_TAGS;

  /** Tags live outside the index (the journal); the host tells the index how to look them up. */
  setTagLookup(lookup: TagLookup): void {
    this.tagsOf = lookup;
  }

  tags(entry: IndexEntry): ReadonlySet<string> {
    return this.tagsOf(entry);
  }

  async load(source: FoundSource, onProblem: ProblemSink, context?: LoadContext): Promise<SourceSummary> {
    const summary = await loadSource(source, onProblem, context);
    this.sources.set(summary.key, summary);
    this.invalidate();
    return summary;
  }

  remove(sourceKey: string): boolean {
    const removed = this.sources.delete(sourceKey);
    if (removed) this.invalidate();
    return removed;
  }

  clear(): void {
    this.sources.clear();
    this.invalidate();
  }

  sourceKeys(): string[] {
    return [...this.sources.keys()];
  }

  get size(): number {
    return this.entries().length;
  }

  private invalidate(): void {
    this.ordered = undefined;
    this.byKey = undefined;
    this.cleanFlips = undefined;
    this.runFlips = undefined;
  }

  /** All entries in tree order: results before eval sets, then run, model, component, split, natural id. */
  entries(): IndexEntry[] {
    this.ordered ??= [...this.sources.values()]
      .flatMap((s) => s.entries)
      .sort(
        (a, b) =>
          Number(a.kind === 'eval-set') - Number(b.kind === 'eval-set') ||
          a.run.localeCompare(b.run) ||
          a.source.localeCompare(b.source) ||
          a.model.localeCompare(b.model) ||
          COMPONENT_ORDER.indexOf(a.component ?? '') - COMPONENT_ORDER.indexOf(b.component ?? '') ||
          compareSplits(a.split, b.split) ||
          naturalId(a.id, b.id),
      );
    return this.ordered;
  }

  get(key: string): IndexEntry | undefined {
    this.byKey ??= new Map(this.entries().map((e) => [entryKey(e), e]));
    return this.byKey.get(key);
  }

  /** The clean entry of the same run, model and id. */
  cleanOf(entry: IndexEntry): IndexEntry | undefined {
    if (entry.split === 'clean') return undefined;
    return this.get(entryKey({ ...entry, split: 'clean' }));
  }

  /** The same (split, id) in the other runs, for comparing runs (model A vs B, server A vs B). */
  sameCaseInOtherRuns(entry: IndexEntry): IndexEntry[] {
    return this.entries().filter((e) => e.source !== entry.source && e.split === entry.split && e.id === entry.id && e.kind !== 'eval-set');
  }

  isFlippedFromClean(entry: IndexEntry): boolean {
    if (!this.cleanFlips) {
      const passedClean = new Set(this.entries().filter((e) => e.split === 'clean' && e.verdict === 'pass').map((e) => JSON.stringify([e.source, e.model, e.id])));
      this.cleanFlips = new Set(
        this.entries()
          .filter((e) => e.split !== 'clean' && e.verdict === 'fail' && passedClean.has(JSON.stringify([e.source, e.model, e.id])))
          .map(entryKey),
      );
    }
    return this.cleanFlips.has(entryKey(entry));
  }

  isFlippedBetweenRuns(entry: IndexEntry): boolean {
    if (!this.runFlips) {
      const verdicts = new Map<string, Set<string>>();
      for (const e of this.entries()) {
        if (e.verdict === 'unscored') continue;
        const k = JSON.stringify([e.split, e.id]);
        let s = verdicts.get(k);
        if (!s) verdicts.set(k, (s = new Set()));
        s.add(e.verdict);
      }
      this.runFlips = new Set(
        this.entries()
          .filter((e) => e.verdict !== 'unscored' && (verdicts.get(JSON.stringify([e.split, e.id]))?.size ?? 0) > 1)
          .map(entryKey),
      );
    }
    return this.runFlips.has(entryKey(entry));
  }

  matches(entry: IndexEntry, filter: EntryFilter): boolean {
    if (filter.failuresOnly && entry.verdict !== 'fail') return false;
    if (filter.flippedOnly && !this.isFlippedFromClean(entry)) return false;
    if (filter.flippedBetweenRuns && !this.isFlippedBetweenRuns(entry)) return false;
    if (filter.anyFlip && !this.isFlippedFromClean(entry) && !this.isFlippedBetweenRuns(entry)) return false;
    if (filter.tag && !this.tagsOf(entry).has(filter.tag)) return false;
    if (filter.untaggedOnly && (entry.verdict !== 'fail' || this.tagsOf(entry).size > 0)) return false;
    if (filter.scope && !inScope(entry, filter.scope)) return false;
    if (filter.text) {
      const needle = filter.text.toLowerCase();
      if (!entry.id.toLowerCase().includes(needle) && !entry.prompt.toLowerCase().includes(needle)) return false;
    }
    return true;
  }

  /**
   * The tree: run → model → component → split → sample for RobustBench-TC results,
   * run → model → category → sample for BFCL runs. Group counts are over the filtered samples.
   */
  tree(filter: EntryFilter = {}): GroupNode[] {
    const roots: TreeNode[] = [];
    const byKey = new Map<string, GroupNode>();
    const group = (parent: TreeNode[], level: TreeLevel, key: string, label: string): GroupNode => {
      let node = byKey.get(key);
      if (!node) {
        node = { kind: 'group', level, key, label, counts: { total: 0, pass: 0, fail: 0, unscored: 0, cleanPass: 0, cleanFail: 0 }, children: [] };
        byKey.set(key, node);
        parent.push(node);
      }
      return node;
    };
    for (const entry of this.entries()) {
      if (!this.matches(entry, filter)) continue;
      const runNode = group(roots, 'run', JSON.stringify([entry.source]), entry.run);
      const modelNode = group(runNode.children, 'model', JSON.stringify([entry.source, entry.model]), entry.model);
      let parent = modelNode;
      const path: GroupNode[] = [runNode, modelNode];
      if (entry.kind !== 'bfcl-run') {
        const component = entry.component ?? 'other';
        parent = group(modelNode.children, 'component', JSON.stringify([entry.source, entry.model, component]), component);
        path.push(parent);
      }
      // The clean split is a component of its own: its samples go right under it, not under a second
      // "clean" (whose key would be the component's, counting every sample twice).
      const splitNode = parent.level === 'component' && parent.label === entry.split ? parent : group(parent.children, 'split', JSON.stringify([entry.source, entry.model, entry.split]), entry.split);
      if (splitNode !== parent) path.push(splitNode);
      const clean = entry.split === 'clean' && entry.kind !== 'bfcl-run';
      for (const node of path) {
        node.counts.total++;
        node.counts[entry.verdict]++;
        if (clean && entry.verdict === 'pass') node.counts.cleanPass++;
        if (clean && entry.verdict === 'fail') node.counts.cleanFail++;
      }
      splitNode.children.push({
        kind: 'entry',
        key: entryKey(entry),
        entry,
        flippedFromClean: this.isFlippedFromClean(entry),
        flippedBetweenRuns: this.isFlippedBetweenRuns(entry),
      });
    }
    return roots as GroupNode[];
  }

  /** The next (or previous) entry after `fromKey` in tree order that satisfies `filter`, wrapping. */
  step(fromKey: string | undefined, direction: 1 | -1, filter: EntryFilter): IndexEntry | undefined {
    const list = this.entries();
    if (list.length === 0) return undefined;
    // The key map finds the entry; indexOf then compares references, not a key string per entry.
    const from = fromKey === undefined ? undefined : this.get(fromKey);
    const start = from ? list.indexOf(from) : -1;
    for (let i = 1; i <= list.length; i++) {
      const at = start < 0 && direction < 0 ? list.length - i : (((start + direction * i) % list.length) + list.length) % list.length;
      const e = list[at]!;
      if (this.matches(e, filter)) return e;
    }
    return undefined;
  }
}
