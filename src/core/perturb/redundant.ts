import type { EvalRow, JsonObject, ToolSpec } from '../schema/index.js';
import { splitTools } from './goldenTools.js';
import { Rng } from './rng.js';
import { RELATED_MAX, RELATED_MIN, type ToolPool } from './toolPool.js';
import { perturbed, skip, type PerturbResult } from './types.js';

/** Each golden tool gets 1–2 added tools, drawn from its few most related ones. */
const MAX_ADDED_PER_GOLDEN = 2;
const DRAW_FROM_TOP = 5;

/**
 * `redundant`, rule-based: for each distinct golden tool, 1–2 related but different tools from
 * other samples of the same dataset (see `ToolPool` for "related"), never one whose name is
 * already in the row. New order: `non-golden + added + golden`.
 */
export function redundant(row: EvalRow, seed: number, pool: ToolPool): PerturbResult {
  const split = splitTools(row);
  if (typeof split === 'string') return skip(split);
  const rng = new Rng(seed, 'redundant', row.id);
  const taken = new Set(row.tools.map((t) => t.name));
  const added: ToolSpec[] = [];
  const notes: JsonObject[] = [];
  for (const gt of new Map(split.golden.map((t) => [t.name, t])).values()) {
    const top = pool.related(gt).filter((r) => !taken.has(r.tool.name)).slice(0, DRAW_FROM_TOP);
    const count = Math.min(rng.int(1, MAX_ADDED_PER_GOLDEN), top.length);
    for (const pick of rng.shuffled(top).slice(0, count)) {
      taken.add(pick.tool.name);
      notes.push({
        name: pick.tool.name,
        index: split.others.length + added.length,
        for: gt.name,
        similarity: Math.round(pick.similarity * 1000) / 1000,
        from_sample: pick.source,
      });
      added.push(pick.tool);
    }
  }
  if (added.length === 0) return skip(`no tool in the dataset is related to ${split.golden.map((t) => t.name).join(', ')} (TF-IDF cosine ≥ ${RELATED_MIN})`);
  const metadata: JsonObject = {
    source: 'dataset_tools',
    similarity: 'tfidf_cosine',
    related_min: RELATED_MIN,
    related_max: RELATED_MAX,
    added: notes,
  };
  return perturbed(row, { type: 'redundant', mdp_category: 'action', metadata }, { tools: [...split.others, ...added, ...split.golden] });
}
