/**
 * ToolRL-DR: domain-randomized training sets made from clean samples with the 16 static
 * perturbation types, written as ToolRL's SFT JSON and as verl parquet.
 * This file is the module's public surface: code outside the module imports only from here.
 */
export { augmentDataset, type AugmentManifest } from './augmentDataset.js';
export { MixError, NAMED_MIXES } from './mix.js';
export { toolRlGroundTruth } from './toolrlText.js';
export { OUTPUT_FORMATS, type OutputFormat } from './writers.js';
export { readRewardItems, type RewardItem } from './rewardInputs.js';
