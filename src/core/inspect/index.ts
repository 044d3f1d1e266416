/**
 * The inspector's view model of one sample: the diff texts and the calls compared argument by argument.
 * This file is the module's public surface: code outside the module imports only from here.
 */
export { compareCalls } from './callDiff.js';
export { buildInspectorModel, caseText, goldenForm, predictionColumn, recordedColumn } from './inspectorModel.js';
