import { access } from 'node:fs/promises';
import type { CategoryReport, SplitGroup, TagCount, VerdictSource } from '../../common/reportData.js';
import type { ProblemSink } from '../formats/index.js';
import { discoverPath, ResultIndex, type IndexEntry } from '../index/index.js';
import { COMPONENTS, type Component } from '../schema/index.js';
import { scoreBfclRun } from '../score/index.js';
import { TagStore, tagTargetOf } from '../tags/index.js';
import { outcomesByRun, runKey, type Outcome } from './outcome.js';
import { countTagsBySplit } from './tagCounts.js';

export interface Collected {
  outcomes: Outcome[];
  /** BFCL runs, by `runKey`: each category with the source of its verdicts. */
  categories: Map<string, CategoryReport[]>;
  tags: TagCount[];
}

function groupOf(entry: IndexEntry): SplitGroup {
  if (entry.kind === 'bfcl-run') return 'bfcl';
  return entry.component === 'clean' || COMPONENTS.includes(entry.component as Component) ? (entry.component as SplitGroup) : 'clean';
}

/** The outcome an index entry stands for; unscored entries and eval rows have none. */
export function outcomeOf(entry: IndexEntry): Outcome | undefined {
  if (entry.verdict === 'unscored' || entry.kind === 'eval-set') return undefined;
  return {
    run: entry.run,
    model: entry.model,
    split: entry.split,
    group: groupOf(entry),
    id: entry.id,
    correct: entry.verdict === 'pass',
    ...(entry.injected !== undefined ? { injected: entry.injected } : {}),
    ...(entry.protocol !== undefined ? { protocol: entry.protocol } : {}),
  };
}

function categoryReports(outcomes: readonly Outcome[], sources: ReadonlyMap<string, VerdictSource>): CategoryReport[] {
  const byCategory = new Map<string, { total: number; correct: number }>();
  for (const o of outcomes) {
    const c = byCategory.get(o.split) ?? { total: 0, correct: 0 };
    c.total++;
    c.correct += Number(o.correct);
    byCategory.set(o.split, c);
  }
  return [...byCategory.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([category, { total, correct }]) => ({ category, total, correct, accuracy: total ? correct / total : 0, source: sources.get(category) ?? 'bfcl-score' }));
}

/**
 * Reads every run under the paths (prediction files, folders of them, BFCL run folders) into
 * outcomes. BFCL verdicts come from BFCL's score files; with `bfclData` (question and
 * possible-answer files) the single-turn categories are re-scored by RobustLens instead, which
 * agrees with BFCL on the shared runs exactly. Multi-turn categories always keep BFCL's verdicts.
 */
export async function collectOutcomes(paths: readonly string[], options: { bfclData?: string; tagJournals?: readonly string[]; onProblem: ProblemSink }): Promise<Collected> {
  const index = new ResultIndex();
  const stores: TagStore[] = [];
  for (const journal of options.tagJournals ?? []) {
    if (!(await access(journal).then(() => true, () => false))) continue;
    const store = new TagStore(journal, 'report');
    await store.load(options.onProblem);
    stores.push(store);
  }
  const bfclRuns: string[] = [];
  for (const path of paths) {
    for (const source of await discoverPath(path)) {
      await index.load(source, options.onProblem);
      if (source.kind === 'bfcl-run') bfclRuns.push(source.path);
    }
  }
  const rescored = new Map<string, Map<string, boolean>>();
  if (options.bfclData) {
    for (const dir of bfclRuns) {
      for (const { file, result } of await scoreBfclRun(dir, options.bfclData, options.onProblem)) {
        if (result.status !== 'scored') continue;
        rescored.set(JSON.stringify([dir, file.model, file.category]), new Map(result.entries.map((e) => [e.id, e.verdict.valid])));
      }
    }
  }
  const tagsOf = (e: IndexEntry) => new Set(stores.flatMap((s) => [...s.tagsOf(tagTargetOf(e))]));
  return collectFromEntries(index.entries(), rescored, stores.length > 0 ? tagsOf : undefined);
}

/**
 * Outcomes from index entries (the extension's index, or one built from paths). `rescored` holds
 * RobustLens's verdicts for BFCL categories, keyed `[run folder, model, category]` → id → pass;
 * other BFCL entries keep BFCL's verdicts.
 */
export function collectFromEntries(entries: readonly IndexEntry[], rescored: ReadonlyMap<string, ReadonlyMap<string, boolean>> = new Map(), tagsOf?: (entry: IndexEntry) => ReadonlySet<string>): Collected {
  const outcomes: Outcome[] = [];
  const sourcesByRun = new Map<string, Map<string, VerdictSource>>();
  for (const entry of entries) {
    const verdicts = entry.kind === 'bfcl-run' ? rescored.get(JSON.stringify([entry.source, entry.model, entry.split])) : undefined;
    const ours = verdicts?.get(entry.id);
    const outcome = outcomeOf(ours === undefined ? entry : { ...entry, verdict: ours ? 'pass' : 'fail' });
    if (!outcome) continue;
    outcomes.push(outcome);
    if (entry.kind === 'bfcl-run') {
      const key = runKey(outcome);
      const sources = sourcesByRun.get(key) ?? new Map<string, VerdictSource>();
      sources.set(entry.split, verdicts ? 'robustlens' : 'bfcl-score');
      sourcesByRun.set(key, sources);
    }
  }
  const categories = new Map<string, CategoryReport[]>();
  const byRun = outcomesByRun(outcomes.filter((o) => o.group === 'bfcl'));
  for (const [key, sources] of sourcesByRun) categories.set(key, categoryReports(byRun.get(key) ?? [], sources));
  return { outcomes, categories, tags: tagsOf ? countTagsBySplit(entries, tagsOf) : [] };
}
