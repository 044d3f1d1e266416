import type { SplitGroup } from '../../common/reportData.js';

/**
 * One scored case of one run, as every report reads it: whatever the source (a prediction file,
 * a BFCL run, the extension's index), metrics are computed from these and nothing else.
 */
export interface Outcome {
  run: string;
  model: string;
  /** `clean`, a perturbation type, or a BFCL category. */
  split: string;
  group: SplitGroup;
  /** The sample id; the clean case and its perturbed cases share it. */
  id: string;
  correct: boolean;
  /** Transition splits: whether pass 1 made a call, so the fault was really injected. */
  injected?: boolean;
  /** The run protocol the record names; absent when it names none. */
  protocol?: string;
}

/** The protocol of a run's outcomes: one label, every label when they disagree, null when none is named. */
export function protocolOf(outcomes: readonly Outcome[]): string | null {
  const labels = [...new Set(outcomes.map((o) => o.protocol ?? 'unrecorded'))].sort();
  if (labels.length === 1) return labels[0] === 'unrecorded' ? null : labels[0]!;
  return `mixed: ${labels.join('; ')}`;
}

/** `(run, model)`, the unit a profile describes. */
export function runKey(o: Pick<Outcome, 'run' | 'model'>): string {
  return JSON.stringify([o.run, o.model]);
}

/** Outcomes grouped by `runKey`, in the order the runs first appear. */
export function outcomesByRun(outcomes: Iterable<Outcome>): Map<string, Outcome[]> {
  const runs = new Map<string, Outcome[]>();
  for (const o of outcomes) {
    const key = runKey(o);
    const list = runs.get(key);
    if (list) list.push(o);
    else runs.set(key, [o]);
  }
  return runs;
}
