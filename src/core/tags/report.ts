import type { IndexEntry } from '../index/index.js';
import { readRecordAt } from '../formats/index.js';

export type TagGrouping = 'type' | 'model' | 'category';

export interface TaggedEntry {
  entry: IndexEntry;
  tags: string[];
  note?: string;
}

export interface TagCountTable {
  /** Column keys: perturbation types (or BFCL categories) or models; none for `category`. */
  columns: string[];
  /** `counts` has no prototype: a column named `constructor` or `__proto__` (models and splits come from files) is a plain key. */
  rows: Array<{ tag: string; counts: Record<string, number>; total: number }>;
}

/** Counts as a record without a prototype, so every key, whatever its name, reads back its own count. */
function countRecord(counts: ReadonlyMap<string, number>): Record<string, number> {
  const out = Object.create(null) as Record<string, number>;
  for (const [column, count] of counts) out[column] = count;
  return out;
}

/**
 * Counts tags per category × perturbation type (`type`), × model (`model`), or in total
 * (`category`). The same numbers the Tags tree shows per category.
 */
export function countTags(tagged: TaggedEntry[], by: TagGrouping): TagCountTable {
  const columnOf = (e: IndexEntry) => (by === 'type' ? e.split : by === 'model' ? e.model : 'count');
  const columns = by === 'category' ? [] : [...new Set(tagged.map((t) => columnOf(t.entry)))].sort();
  const rows = new Map<string, Map<string, number>>();
  for (const { entry, tags } of tagged) {
    for (const tag of tags) {
      const row = rows.get(tag) ?? new Map<string, number>();
      row.set(columnOf(entry), (row.get(columnOf(entry)) ?? 0) + 1);
      rows.set(tag, row);
    }
  }
  return {
    columns,
    rows: [...rows.entries()]
      .map(([tag, counts]) => ({ tag, counts: countRecord(counts), total: [...counts.values()].reduce((a, b) => a + b, 0) }))
      .sort((a, b) => b.total - a.total || a.tag.localeCompare(b.tag)),
  };
}

/** One labelled sample with what a person needs to judge it: prompt, output, golden calls. */
export interface LabelledSample {
  run: string;
  model: string;
  split: string;
  id: string;
  verdict: string;
  error_type: string;
  tags: string[];
  note: string;
  prompt: unknown;
  output: unknown;
  golden: unknown;
}

async function readJson(where: IndexEntry['record']): Promise<Record<string, unknown>> {
  return (await readRecordAt(where)) as Record<string, unknown>;
}

/** Reads the sample's record (and, for BFCL failures, BFCL's score line) back from disk. */
export async function labelledSample({ entry, tags, note }: TaggedEntry): Promise<LabelledSample> {
  const record = await readJson(entry.record);
  const base = { run: entry.run, model: entry.model, split: entry.split, id: entry.id, verdict: entry.verdict, error_type: entry.errorType ?? '', tags, note: note ?? '' };
  if (entry.kind === 'bfcl-run') {
    const score = entry.scoreRecord ? await readJson(entry.scoreRecord) : undefined;
    return { ...base, prompt: score?.['prompt'] ?? null, output: record['result'] ?? null, golden: score?.['possible_answer'] ?? null };
  }
  return {
    ...base,
    prompt: { conversation: record['conversation'], tools: record['tools'] },
    output: record['prediction'] ?? null,
    golden: record['golden_answers'] ?? null,
  };
}
