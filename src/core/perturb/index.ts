/**
 * The 22 RobustBench-TC perturbation types: the registry, the rule-based and LLM-based perturbers,
 * the transition faults, and whole-dataset perturbation.
 * This file is the module's public surface: code outside the module imports only from here.
 */
export { perturb, STATIC_TYPES } from './engine.js';
export { buildSecondPass, FAULT_TYPES, faultMessage, type FaultType, isFaultType, transitionRow } from './faults.js';
export { openAiRewriter } from './openaiRewriter.js';
export { perturbDataset, type PerturbManifest } from './perturbDataset.js';
export { isPerturbationId, PERTURBATION_IDS, type PerturbationId, PERTURBATIONS, perturbationSpec } from './registry.js';
export { RewriteCache } from './rewriteCache.js';
export type { RewriteContext } from './rewriter.js';
export { ToolPool } from './toolPool.js';
export type { PerturbResult } from './types.js';
