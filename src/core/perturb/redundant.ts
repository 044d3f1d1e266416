import type { EvalRow, JsonObject, ToolSpec } from '../schema/index.js';
import { describeDuplicate, DUPLICATE_GUARD, duplicateOf, goldenTargets, type Duplicate, type GoldenTarget } from './duplicateGuard.js';
import { splitTools } from './goldenTools.js';
import { Rng } from './rng.js';
import { RELATED_MAX, RELATED_MIN, type RelatedTool, type ToolPool } from './toolPool.js';
import { perturbed, skip, type PerturbResult } from './types.js';

/** Each golden tool gets 1–2 added tools, drawn from its few most related ones. */
const MAX_ADDED_PER_GOLDEN = 2;
const DRAW_FROM_TOP = 5;

/**
 * The DRAW_FROM_TOP most related tools of `golden` that are not in the row and could satisfy
 * none of the row's golden calls; the ones passed over for that go into `rejected`.
 */
function drawable(golden: ToolSpec, pool: ToolPool, taken: ReadonlySet<string>, targets: readonly GoldenTarget[], rejected: Map<string, Duplicate>): RelatedTool[] {
  const out: RelatedTool[] = [];
  for (const related of pool.related(golden)) {
    if (out.length === DRAW_FROM_TOP) break;
    if (taken.has(related.tool.name)) continue;
    const duplicate = duplicateOf(related.tool, targets);
    if (duplicate) rejected.set(related.tool.name, duplicate);
    else out.push(related);
  }
  return out;
}

function nothingToAdd(golden: readonly ToolSpec[], rejected: ReadonlyMap<string, Duplicate>): string {
  const names = golden.map((t) => t.name).join(', ');
  if (rejected.size === 0) return `no tool in the dataset is related to ${names} (TF-IDF cosine ≥ ${RELATED_MIN})`;
  return `no related tool left for ${names}: ${[...rejected].map(([name, d]) => describeDuplicate(name, d)).join('; ')}`;
}

/**
 * `redundant`, rule-based: for each distinct golden tool, 1–2 related but different tools from
 * other samples of the same dataset (see `ToolPool` for "related"), never one whose name is
 * already in the row nor one that could satisfy a golden call of the row (see `duplicateOf`;
 * the next related tools are drawn instead, and the rejected ones recorded). New order:
 * `non-golden + added + golden`.
 */
export function redundant(row: EvalRow, seed: number, pool: ToolPool): PerturbResult {
  const split = splitTools(row);
  if (typeof split === 'string') return skip(split);
  const rng = new Rng(seed, 'redundant', row.id);
  const targets = goldenTargets(row, split.golden);
  const taken = new Set(row.tools.map((t) => t.name));
  const rejected = new Map<string, Duplicate>();
  const added: ToolSpec[] = [];
  const notes: JsonObject[] = [];
  for (const gt of new Map(split.golden.map((t) => [t.name, t])).values()) {
    const top = drawable(gt, pool, taken, targets, rejected);
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
  if (added.length === 0) return skip(nothingToAdd(split.golden, rejected));
  const metadata: JsonObject = {
    source: 'dataset_tools',
    similarity: 'tfidf_cosine',
    related_min: RELATED_MIN,
    related_max: RELATED_MAX,
    duplicate_guard: DUPLICATE_GUARD,
    added: notes,
    rejected: [...rejected].map(([name, d]) => ({ name, for: d.for, reason: d.reason })),
  };
  return perturbed(row, { type: 'redundant', mdp_category: 'action', metadata }, { tools: [...split.others, ...added, ...split.golden] });
}
