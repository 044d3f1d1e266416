import type { BfclLanguage } from './checker/simpleChecker.js';

/**
 * The single-turn categories this checker scores, as BFCL names them. Category names are
 * matched by substring, as BFCL does, so prefixed names (`BFCL_v3_multiple`) work too.
 */
export const BFCL_SINGLE_TURN_CATEGORIES = [
  'simple_python',
  'simple_java',
  'simple_javascript',
  'multiple',
  'parallel',
  'parallel_multiple',
  'live_simple',
  'live_multiple',
  'live_parallel',
  'live_parallel_multiple',
  'irrelevance',
  'live_irrelevance',
  'live_relevance',
] as const;

/** Multi-turn and agentic categories need BFCL's executable backends, not the AST checker. */
export function isSingleTurnCategory(category: string): boolean {
  return !['multi_turn', 'web_search', 'memory', 'format_sensitivity', 'exec', 'rest', 'sql', 'chatable'].some((k) => category.includes(k));
}

/** Relevance categories are scored on "did it call anything", without possible answers. */
export function isRelevanceCategory(category: string): boolean {
  return category.includes('relevance');
}

export function isIrrelevanceCategory(category: string): boolean {
  return category.includes('irrelevance');
}

export function languageOf(category: string): BfclLanguage {
  if (category.includes('javascript')) return 'javascript';
  return category.includes('java') ? 'java' : 'python';
}
