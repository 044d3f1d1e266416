import { type ComponentComparison, protocolName, type RunComparison, type SplitComparison } from '../../common/reportData.js';
import { COMPONENTS } from '../schema/index.js';
import { type Outcome, protocolOf } from './outcome.js';
import { mcnemarExactP } from './stats.js';

const key = (split: string, id: string) => `${split}\u0000${id}`;

function macro(splits: readonly SplitComparison[], side: 'accuracyA' | 'accuracyB'): number {
  return splits.reduce((n, s) => n + s[side], 0) / splits.length;
}

/**
 * Compares two runs case by case over the (split, id) pairs both have: flips each way with
 * McNemar's exact p per split and per component, and the gap closure per component.
 */
export function compareRuns(a: readonly Outcome[], b: readonly Outcome[], splitOrder: readonly string[]): RunComparison {
  const inB = new Map(b.map((o) => [key(o.split, o.id), o]));
  const bySplit = new Map<string, Array<[Outcome, Outcome]>>();
  for (const oa of a) {
    const ob = inB.get(key(oa.split, oa.id));
    if (!ob) continue;
    let list = bySplit.get(oa.split);
    if (!list) bySplit.set(oa.split, (list = []));
    list.push([oa, ob]);
  }
  const order = (s: string) => (s === 'clean' ? -1 : splitOrder.includes(s) ? splitOrder.indexOf(s) : splitOrder.length);
  const splits = [...bySplit.entries()]
    .sort(([x], [y]) => order(x) - order(y) || x.localeCompare(y))
    .map(([split, pairs]): SplitComparison => {
      const passToFail = pairs.filter(([x, y]) => x.correct && !y.correct).map(([x]) => x.id);
      const failToPass = pairs.filter(([x, y]) => !x.correct && y.correct).map(([x]) => x.id);
      return {
        model: pairs[0]![0].model,
        split,
        group: pairs[0]![0].group,
        shared: pairs.length,
        accuracyA: pairs.filter(([x]) => x.correct).length / pairs.length,
        accuracyB: pairs.filter(([, y]) => y.correct).length / pairs.length,
        passToFail,
        failToPass,
        pValue: mcnemarExactP(passToFail.length, failToPass.length),
      };
    });
  const clean = splits.find((s) => s.group === 'clean');
  const components = COMPONENTS.flatMap((component): ComponentComparison[] => {
    const mine = splits.filter((s) => s.group === component);
    if (mine.length === 0) return [];
    const passToFail = mine.reduce((n, s) => n + s.passToFail.length, 0);
    const failToPass = mine.reduce((n, s) => n + s.failToPass.length, 0);
    const gapA = clean ? clean.accuracyA - macro(mine, 'accuracyA') : null;
    const gapB = clean ? clean.accuracyB - macro(mine, 'accuracyB') : null;
    const gapClosure = gapA !== null && gapB !== null && gapA > 0 ? (gapA - gapB) / gapA : null;
    return [{ component, passToFail, failToPass, pValue: mcnemarExactP(passToFail, failToPass), gapA, gapB, gapClosure }];
  });
  const protocolA = protocolOf(a);
  const protocolB = protocolOf(b);
  return {
    runA: a[0]?.run ?? '',
    runB: b[0]?.run ?? '',
    modelA: a[0]?.model ?? '',
    modelB: b[0]?.model ?? '',
    protocolA,
    protocolB,
    ...notComparable(protocolA, protocolB),
    splits,
    components,
  };
}

/** Why two runs' numbers cannot be set side by side, if they cannot: different (or unknown, or mixed) protocols. */
function notComparable(a: string | null, b: string | null): { notComparable?: string } {
  if (a === b && a !== null && !a.startsWith('mixed:')) return {};
  if (a === null && b === null) return {};
  return { notComparable: `not comparable: run A was run with protocol ${protocolName(a)}, run B with ${protocolName(b)}; differences may come from the settings, not the model` };
}
