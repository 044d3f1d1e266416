import type { ComponentProfile, Drop, Interval, SplitProfile } from '../../common/reportData.js';
import { COMPONENTS, type Component } from '../schema/index.js';
import type { Outcome } from './outcome.js';
import { macroInterval, pairedBootstrapInterval, pairedDrop, wilsonInterval, type PairedUnit } from './stats.js';

/** What `profileRun` gives: the profile part of a run's report. */
export interface RunProfile {
  run: string;
  model: string;
  /** Clean first (when the run has it), then every perturbed split in registry order. */
  splits: SplitProfile[];
  components: ComponentProfile[];
  /** Accuracy pooled over every perturbed case of the run. */
  aggregate?: { accuracy: number; total: number; correct: number; ci: Interval; drop?: Drop };
  /** `aggregate / clean accuracy`: the share of clean accuracy that survives perturbation. */
  retention?: number;
}

export interface ProfileOptions {
  /** Seeds the bootstrap, so a report is reproducible. */
  seed: number;
  /** Split order (the registry's), unknown splits after it alphabetically. */
  splitOrder: readonly string[];
}

function tally(outcomes: readonly Outcome[]): { total: number; correct: number; accuracy: number; ci: Interval } {
  const correct = outcomes.reduce((n, o) => n + Number(o.correct), 0);
  const total = outcomes.length;
  return { total, correct, accuracy: total ? correct / total : 0, ci: wilsonInterval(correct, total) };
}

/** Perturbed outcomes grouped under the clean outcome of the same id; ids without a clean case are left out. */
function pairedUnits(clean: ReadonlyMap<string, boolean>, perturbed: readonly Outcome[]): PairedUnit[] {
  const byId = new Map<string, PairedUnit>();
  for (const o of perturbed) {
    const c = clean.get(o.id);
    if (c === undefined) continue;
    let unit = byId.get(o.id);
    if (!unit) byId.set(o.id, (unit = { clean: Number(c), correct: 0, total: 0 }));
    unit.correct += Number(o.correct);
    unit.total++;
  }
  return [...byId.values()];
}

function dropOf(clean: ReadonlyMap<string, boolean>, perturbed: readonly Outcome[], seed: number): Drop | undefined {
  const units = pairedUnits(clean, perturbed);
  if (units.length === 0) return undefined;
  const absolute = pairedDrop(units);
  const cleanAccuracy = units.reduce((n, u) => n + u.clean, 0) / units.length;
  return { absolute, relative: cleanAccuracy > 0 ? absolute / cleanAccuracy : null, ci: pairedBootstrapInterval(units, seed), pairedIds: units.length };
}

/** A seed per interval, so adding a split does not move the others' intervals. */
function seedFor(seed: number, label: string): number {
  let h = seed | 0;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * The robustness profile of one run of one model: accuracy per split with its interval, the drop
 * from clean per split, per component (macro and pooled) and in aggregate, and retention.
 */
export function profileRun(outcomes: readonly Outcome[], options: ProfileOptions): RunProfile {
  const first = outcomes[0];
  if (!first) throw new RangeError('a profile needs outcomes');
  const cleanOutcomes = outcomes.filter((o) => o.group === 'clean');
  const cleanById = new Map(cleanOutcomes.map((o) => [o.id, o.correct]));
  const bySplit = new Map<string, Outcome[]>();
  for (const o of outcomes) {
    if (o.group === 'clean' || o.group === 'bfcl') continue;
    let list = bySplit.get(o.split);
    if (!list) bySplit.set(o.split, (list = []));
    list.push(o);
  }
  const order = (s: string) => {
    const i = options.splitOrder.indexOf(s);
    return i < 0 ? options.splitOrder.length : i;
  };
  const splits: SplitProfile[] = [...bySplit.entries()]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([split, list]) => {
      const component = list[0]!.group as Component;
      const drop = dropOf(cleanById, list, seedFor(options.seed, split));
      const injectable = list.filter((o) => o.injected !== undefined);
      const injected = injectable.filter((o) => o.injected).length;
      return {
        split,
        component,
        ...tally(list),
        ...(drop ? { drop } : {}),
        ...(component === 'transition' && injectable.length ? { injected: { count: injected, share: injected / list.length } } : {}),
      };
    });
  const components: ComponentProfile[] = COMPONENTS.flatMap((component) => {
    const mine = splits.filter((s) => s.component === component);
    if (mine.length === 0) return [];
    const rows = outcomes.filter((o) => o.group === component);
    const { total, correct, accuracy, ci } = tally(rows);
    const drop = dropOf(cleanById, rows, seedFor(options.seed, component));
    const macro = mine.reduce((n, s) => n + s.accuracy, 0) / mine.length;
    return [{ component, types: mine.map((s) => s.split), macro, macroCi: macroInterval(mine), pooled: accuracy, total, correct, ci, ...(drop ? { drop } : {}) }];
  });
  const perturbed = outcomes.filter((o) => o.group !== 'clean' && o.group !== 'bfcl');
  const clean = cleanOutcomes.length ? { split: 'clean', component: 'clean' as const, ...tally(cleanOutcomes) } : undefined;
  const aggregate = perturbed.length ? { ...tally(perturbed) } : undefined;
  const aggregateDrop = aggregate ? dropOf(cleanById, perturbed, seedFor(options.seed, 'aggregate')) : undefined;
  return {
    run: first.run,
    model: first.model,
    splits: clean ? [clean, ...splits] : splits,
    components,
    ...(aggregate ? { aggregate: { ...aggregate, ...(aggregateDrop ? { drop: aggregateDrop } : {}) } } : {}),
    ...(aggregate && clean && clean.accuracy > 0 ? { retention: aggregate.accuracy / clean.accuracy } : {}),
  };
}

/** The clean split of a profile, when the run has one. */
export function cleanSplit(profile: Pick<RunProfile, 'splits'>): SplitProfile | undefined {
  return profile.splits.find((s) => s.component === 'clean');
}


