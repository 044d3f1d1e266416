/**
 * Error tags: the taxonomy, the append-only journal, suggestions, and counts per type or model.
 * This file is the module's public surface: code outside the module imports only from here.
 */
export { countTags, labelledSample, type TaggedEntry, type TagGrouping } from './report.js';
export { suggestCategory } from './suggest.js';
export { journalFor, journalOf, TagJournals } from './journals.js';
export { loadTaxonomy, TagStore, tagTargetOf } from './tagStore.js';
export type { TagCategory } from './taxonomy.js';
