import { isFaultType, isPerturbationId, perturb, type PerturbResult, type RewriteContext, type ToolPool, transitionRow } from '../perturb/index.js';
import type { EvalRow } from '../schema/index.js';

export interface QuickRunContext {
  /** The dataset's tools, for `redundant`. */
  pool?: ToolPool;
  /** A rewriter, for the LLM-based types. */
  rewrite?: RewriteContext;
}

/**
 * The case a quick-run sends: the clean row itself, the clean row with a fault to inject after
 * pass 1 (transition types), or the clean row under a static perturbation with this seed.
 */
export async function quickRunCase(clean: EvalRow, type: string, seed: number, context: QuickRunContext): Promise<PerturbResult> {
  if (type === 'clean') return { ok: true, row: { ...clean, perturbation: null } };
  if (isFaultType(type)) return { ok: true, row: transitionRow(clean, type) };
  if (!isPerturbationId(type)) return { ok: false, reason: `unknown perturbation type "${type}"` };
  return perturb(type, clean, {
    seed,
    ...(context.pool ? { pool: context.pool } : {}),
    ...(context.rewrite ? { rewrite: context.rewrite } : {}),
  });
}
