/**
 * The 22 RobustBench-TC perturbation types: the registry, the rule-based and LLM-based perturbers,
 * the transition faults, and whole-dataset perturbation.
 * This file is the module's public surface: code outside the module imports only from here.
 */
export { readCleanRows, type SkippedCase } from './cleanRows.js';
export { canMake, datasetPerturbOptions, LLM_VARIANT_TYPES, needsRewriter, perturb, STATIC_TYPES } from './engine.js';
export { buildSecondPass, FAULT_STYLES, FAULT_TYPES, type FaultStyle, type FaultType, isFaultType, type SecondPass, transitionRow } from './faults.js';
export { openAiRewriter } from './openaiRewriter.js';
export { NO_REWRITER_REASON, perturbDataset, type PerturbManifest } from './perturbDataset.js';
export { isPerturbationId, PERTURBATION_IDS, type PerturbationId, PERTURBATIONS, perturbationSpec } from './registry.js';
export { RewriteCache } from './rewriteCache.js';
export type { RewriteContext } from './rewriter.js';
export { ABBREVIATION_RULES, type AbbreviationRule } from './rewardLures.js';
export { DISTRACTOR_COUNTS, DISTRACTOR_POSITIONS, type DistractorCount, type DistractorPosition, type SameNameOptions } from './sameName.js';
export { Rng } from './rng.js';
export { ToolPool } from './toolPool.js';
export type { PerturbResult } from './types.js';
