/**
 * Accuracy summaries over scored samples.
 * This file is the module's public surface: code outside the module imports only from here.
 */
export { type AccuracyRow, summariseGroups, type Verdict } from './accuracy.js';
