import type { Component, EvalRow, JsonObject } from '../schema/index.js';
import { rescoredForAddedTools } from './bfclScoring.js';

/** The outcome of one perturbation on one row: the perturbed row, or why it cannot apply. */
export type PerturbResult = { ok: true; row: EvalRow } | { ok: false; reason: string };

/** How a type is produced: by a deterministic rule, by a rewriting model, or at run time. */
export type PerturbationKind = 'rule' | 'llm' | 'runtime';

/** What the perturbed row says about itself, so an inspector can explain the change. */
export interface PerturbationStamp {
  type: string;
  mdp_category: Component;
  variant?: string;
  metadata: JsonObject;
}

export function skip(reason: string): PerturbResult {
  return { ok: false, reason };
}

/**
 * A perturbed copy of a clean row. Only the fields that change are new; the rest are shared
 * with the clean row, so rows are treated as immutable everywhere in this module (copying a
 * whole row per case would cost more than the perturbation itself). When tools are added to a
 * row BFCL scores by its first tool, the row's scoring rule moves with it (`eval_category`
 * in the metadata says so).
 */
export function perturbed(
  clean: EvalRow,
  stamp: PerturbationStamp,
  changes: Partial<Pick<EvalRow, 'conversation' | 'tools' | 'golden_answers'>>,
): PerturbResult {
  const rescored = rescoredForAddedTools(clean, changes.tools);
  const metadata = rescored ? { ...stamp.metadata, eval_category: { from: clean.eval_config.category ?? null, to: rescored.category ?? null } } : stamp.metadata;
  const perturbation = stamp.variant === undefined
    ? { type: stamp.type, mdp_category: stamp.mdp_category, metadata }
    : { type: stamp.type, mdp_category: stamp.mdp_category, variant: stamp.variant, metadata };
  return { ok: true, row: { ...clean, ...changes, ...(rescored ? { eval_config: rescored } : {}), perturbation } };
}
