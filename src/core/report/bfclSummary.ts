/**
 * BFCL's leaderboard summary columns (`score/data_non_live.csv`, `score/data_live.csv`),
 * computed the way BFCL's `eval_runner_helper.py` computes them (V4, `generate_leaderboard_csv`):
 * - unweighted means average category accuracies, each category counting once;
 * - weighted means weight each category by its number of tests;
 * - a summary made of summaries (Non-Live "AST Summary") takes the inner mean as one item;
 * - neither "Overall" column includes irrelevance or relevance detection.
 * The terms are added in BFCL's order, so the floats come out the same.
 */

export interface CategoryAccuracy {
  accuracy: number;
  total: number;
}

type Term = { category: string } | { summary: string };
type Column = { file: string; column: string; mean: 'unweighted' | 'weighted'; terms: Term[] } | { file: string; column: string; category: string };

const c = (category: string): Term => ({ category });

/** Every column of the two CSVs, in BFCL's order. */
const COLUMNS: Column[] = [
  { file: 'data_non_live', column: 'Simple AST', mean: 'unweighted', terms: [c('simple_python'), c('simple_java'), c('simple_javascript')] },
  { file: 'data_non_live', column: 'Python Simple AST', category: 'simple_python' },
  { file: 'data_non_live', column: 'Java Simple AST', category: 'simple_java' },
  { file: 'data_non_live', column: 'JavaScript Simple AST', category: 'simple_javascript' },
  { file: 'data_non_live', column: 'Multiple AST', category: 'multiple' },
  { file: 'data_non_live', column: 'Parallel AST', category: 'parallel' },
  { file: 'data_non_live', column: 'Parallel Multiple AST', category: 'parallel_multiple' },
  { file: 'data_non_live', column: 'AST Summary', mean: 'unweighted', terms: [{ summary: 'data_non_live/Simple AST' }, c('multiple'), c('parallel'), c('parallel_multiple')] },
  { file: 'data_non_live', column: 'Non-Live Overall Acc', mean: 'unweighted', terms: [{ summary: 'data_non_live/Simple AST' }, c('multiple'), c('parallel'), c('parallel_multiple')] },
  { file: 'data_non_live', column: 'Irrelevance Detection', category: 'irrelevance' },
  { file: 'data_live', column: 'Python Simple AST', category: 'live_simple' },
  { file: 'data_live', column: 'Python Multiple AST', category: 'live_multiple' },
  { file: 'data_live', column: 'Python Parallel AST', category: 'live_parallel' },
  { file: 'data_live', column: 'Python Parallel Multiple AST', category: 'live_parallel_multiple' },
  { file: 'data_live', column: 'AST Summary', mean: 'weighted', terms: [c('live_simple'), c('live_multiple'), c('live_parallel'), c('live_parallel_multiple')] },
  { file: 'data_live', column: 'Live Overall Acc', mean: 'weighted', terms: [c('live_simple'), c('live_multiple'), c('live_parallel'), c('live_parallel_multiple')] },
  { file: 'data_live', column: 'Irrelevance Detection', category: 'live_irrelevance' },
  { file: 'data_live', column: 'Relevance Detection', category: 'live_relevance' },
];

/**
 * The summary columns as `"<csv file stem>/<column>": accuracy`, e.g.
 * `"data_live/Python Simple AST": 0.8023`. A column whose categories are not all in the run is
 * left out rather than guessed (BFCL prints N/A there).
 */
export function bfclSummary(categories: ReadonlyMap<string, CategoryAccuracy>): Record<string, number> {
  const out: Record<string, number> = {};
  const valueOf = (term: Term): CategoryAccuracy | undefined => {
    if ('category' in term) return categories.get(term.category);
    const accuracy = out[term.summary];
    return accuracy === undefined ? undefined : { accuracy, total: 0 };
  };
  for (const col of COLUMNS) {
    const name = `${col.file}/${col.column}`;
    if ('category' in col) {
      const found = categories.get(col.category);
      if (found) out[name] = found.accuracy;
      continue;
    }
    const values = col.terms.map(valueOf);
    if (values.some((v) => v === undefined)) continue;
    const present = values as CategoryAccuracy[];
    if (col.mean === 'unweighted') {
      let sum = 0;
      for (const v of present) sum += v.accuracy;
      out[name] = sum / present.length;
    } else {
      let sum = 0;
      let count = 0;
      for (const v of present) {
        sum += v.accuracy * v.total;
        count += v.total;
      }
      out[name] = count ? sum / count : 0;
    }
  }
  return out;
}

/**
 * A fraction as BFCL's CSVs print it: Python's `"{:.2f}%".format(x * 100)`, which rounds the
 * exact binary value and breaks exact ties to even, where `toFixed` breaks them upward.
 */
export function bfclPercent(fraction: number): string {
  const p = fraction * 100;
  if (Number.isInteger(p * 8) && !Number.isInteger(p * 4)) {
    const floor = Math.floor(p * 100);
    return `${((floor % 2 === 0 ? floor : floor + 1) / 100).toFixed(2)}%`;
  }
  return `${p.toFixed(2)}%`;
}
