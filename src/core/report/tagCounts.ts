import type { TagCount } from '../../common/reportData.js';

interface Tagged {
  run: string;
  model: string;
  split: string;
}

/** Counts samples per (tag, run, model, split), most frequent tag first. */
export function countTagsBySplit<E extends Tagged>(entries: Iterable<E>, tagsOf: (entry: E) => ReadonlySet<string>): TagCount[] {
  const counts = new Map<string, TagCount>();
  for (const entry of entries) {
    for (const tag of tagsOf(entry)) {
      const key = JSON.stringify([tag, entry.run, entry.model, entry.split]);
      const found = counts.get(key);
      if (found) found.count++;
      else counts.set(key, { tag, run: entry.run, model: entry.model, split: entry.split, count: 1 });
    }
  }
  const totals = new Map<string, number>();
  for (const c of counts.values()) totals.set(c.tag, (totals.get(c.tag) ?? 0) + c.count);
  return [...counts.values()].sort(
    (a, b) => totals.get(b.tag)! - totals.get(a.tag)! || a.tag.localeCompare(b.tag) || a.run.localeCompare(b.run) || a.model.localeCompare(b.model) || a.split.localeCompare(b.split),
  );
}
