import type { EvalRow } from '../schema/index.js';
import { llmRedundant, llmTypos } from './llmVariants.js';
import { paraphraseParameterDescriptions, paraphraseToolDescriptions, queryParaphrase } from './paraphrase.js';
import { realisticTypos } from './realisticTypos.js';
import { redundant } from './redundant.js';
import { PERTURBATIONS, perturbationSpec, type PerturbationId } from './registry.js';
import type { RewriteContext } from './rewriter.js';
import { type AbbreviationRule, rewardLure, type RewardLureType } from './rewardLures.js';
import { sameName, type SameNameOptions, type SameNameVariant } from './sameName.js';
import type { ToolPool } from './toolPool.js';
import { skip, type PerturbResult } from './types.js';

/** Ids of the types written to files (every kind but `runtime`). */
export const STATIC_TYPES: readonly PerturbationId[] = PERTURBATIONS.filter((p) => p.kind !== 'runtime').map((p) => p.id);

export interface PerturbOptions {
  seed: number;
  /** The dataset's tools, for the rule-based `redundant`. */
  pool?: ToolPool;
  /** How many same-name distractors and where; the authors' BFCL generator unless set. */
  sameName?: SameNameOptions;
  /** How `*_AB` abbreviates golden tool names; the authors' rule unless set. */
  abbreviation?: AbbreviationRule;
  /** The rewriter for LLM-based types and LLM variants. */
  rewrite?: RewriteContext;
  /** Types with an LLM variant to produce through the rewriter instead of by rule. */
  llmVariants?: readonly PerturbationId[];
}

/** The types that have an LLM variant besides their rule (`realistic_typos`, `redundant`). */
export const LLM_VARIANT_TYPES: readonly PerturbationId[] = PERTURBATIONS.filter((p) => p.variants.includes('llm')).map((p) => p.id);

/**
 * With a rewriter, `redundant` is written by it, as the authors' generator did (it invents
 * related tools); their typos came from a model too, but the rule-based typos are checked
 * character by character, so they stay the default. Without a rewriter, every type is by rule.
 */
export function defaultLlmVariants(hasRewriter: boolean): PerturbationId[] {
  return hasRewriter ? ['redundant'] : [];
}

/**
 * The options a whole dataset is perturbed with: the LLM variants resolved (`defaultLlmVariants`
 * when unset), everything else as given. No tool pool: the caller adds the one its rows make.
 */
export function datasetPerturbOptions(settings: Pick<PerturbOptions, 'seed' | 'rewrite' | 'llmVariants' | 'sameName' | 'abbreviation'>): PerturbOptions & { llmVariants: PerturbationId[] } {
  return {
    seed: settings.seed,
    llmVariants: [...(settings.llmVariants ?? defaultLlmVariants(settings.rewrite !== undefined))],
    ...(settings.sameName ? { sameName: settings.sameName } : {}),
    ...(settings.abbreviation ? { abbreviation: settings.abbreviation } : {}),
    ...(settings.rewrite ? { rewrite: settings.rewrite } : {}),
  };
}

/** True when the type can be made with these options: by rule, or through a rewriter they hold. */
export function canMake(id: PerturbationId, options: PerturbOptions): boolean {
  return options.rewrite !== undefined || !needsRewriter(id, options);
}

/** True when the type (as configured by `options`) goes through the rewriter. */
export function needsRewriter(id: PerturbationId, options: Pick<PerturbOptions, 'llmVariants'>): boolean {
  const spec = perturbationSpec(id);
  return spec.kind === 'llm' || (options.llmVariants?.includes(id) === true && spec.variants.includes('llm'));
}

/** A rule-based type: synchronous, deterministic in (row id, type, seed). */
export function perturbByRule(id: PerturbationId, row: EvalRow, options: PerturbOptions): PerturbResult {
  switch (id) {
    case 'realistic_typos':
      return realisticTypos(row, options.seed);
    case 'same_name_A':
    case 'same_name_B':
    case 'same_name_C':
    case 'same_name_D':
    case 'same_name_E':
      return sameName(id.slice(-1) as SameNameVariant, row, options.seed, options.sameName);
    case 'redundant':
      return options.pool ? redundant(row, options.seed, options.pool) : skip('no tool pool of the dataset was given');
    case 'CD':
    case 'TD':
    case 'CD_NT':
    case 'TD_NT':
    case 'CD_AB':
    case 'TD_AB':
      return rewardLure(id as RewardLureType, row, options.abbreviation);
    default:
      return skip(`${id} is not a rule-based type`);
  }
}

async function perturbByRewriter(id: PerturbationId, row: EvalRow, seed: number, rewrite: RewriteContext): Promise<PerturbResult> {
  switch (id) {
    case 'query_paraphrase':
      return queryParaphrase(row, seed, rewrite);
    case 'paraphrase_tool_description':
      return paraphraseToolDescriptions(row, seed, rewrite);
    case 'paraphrase_parameter_description':
      return paraphraseParameterDescriptions(row, seed, rewrite);
    case 'realistic_typos':
      return llmTypos(row, seed, rewrite);
    case 'redundant':
      return llmRedundant(row, seed, rewrite);
    default:
      return skip(`${id} has no rewriter variant`);
  }
}

/**
 * Any static type on one clean row. Rows that already carry a perturbation are not
 * perturbed again; transition types are faults injected at run time, not rows.
 */
export async function perturb(id: PerturbationId, row: EvalRow, options: PerturbOptions): Promise<PerturbResult> {
  if (row.perturbation) return skip(`the row is already perturbed (${row.perturbation.type}); only clean rows are perturbed`);
  if (!needsRewriter(id, options)) return perturbByRule(id, row, options);
  if (!options.rewrite) return skip(`${id} needs a rewriter model`);
  return perturbByRewriter(id, row, options.seed, options.rewrite);
}
