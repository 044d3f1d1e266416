/**
 * One sample, perturbed one way, ready to send: the case a quick-run runs.
 * This file is the module's public surface: code outside the module imports only from here.
 */
export { cleanRowFor } from './cleanRow.js';
export { quickRunCase } from './quickRunCase.js';
