/** One scored sample, as any scorer reports it. */
export interface Verdict {
  id: string;
  correct: boolean;
  error_type?: string;
  explanation?: string;
}

export interface FailedId {
  id: string;
  error_type: string;
  explanation?: string;
}

/** Accuracy of one model on one category or split, in the shape `robustlens score --json` prints. */
export interface AccuracyRow {
  model: string;
  category: string;
  total: number;
  correct: number;
  accuracy: number;
  failed: FailedId[];
}

export function summarise(model: string, category: string, verdicts: Iterable<Verdict>): AccuracyRow {
  let total = 0;
  let correct = 0;
  const failed: FailedId[] = [];
  for (const v of verdicts) {
    total++;
    if (v.correct) correct++;
    else failed.push({ id: v.id, error_type: v.error_type ?? 'unknown', ...(v.explanation ? { explanation: v.explanation } : {}) });
  }
  return { model, category, total, correct, accuracy: total ? correct / total : 0, failed };
}

/** Groups verdicts by (model, category) and summarises each group, sorted for stable output. */
export function summariseGroups(items: Iterable<{ model: string; category: string; verdict: Verdict }>): AccuracyRow[] {
  const groups = new Map<string, { model: string; category: string; verdicts: Verdict[] }>();
  for (const { model, category, verdict } of items) {
    const key = `${model}\u0000${category}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { model, category, verdicts: [] }));
    g.verdicts.push(verdict);
  }
  return [...groups.values()]
    .map((g) => summarise(g.model, g.category, g.verdicts))
    .sort((a, b) => a.model.localeCompare(b.model) || splitOrder(a.category) - splitOrder(b.category) || a.category.localeCompare(b.category));
}

/** `clean` first, then the rest alphabetically. */
function splitOrder(category: string): number {
  return category === 'clean' ? 0 : 1;
}
