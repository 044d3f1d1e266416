import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

import type { Interval } from '../../common/reportData.js';

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/**
 * Wilson's score interval for k successes in n trials (Wilson 1927; Newcombe 1998, method 3):
 * unlike the normal approximation it stays inside [0, 1] and is sound at 0/n and n/n, which
 * per-type accuracies on a few hundred cases often are.
 */
export function wilsonInterval(k: number, n: number, z = Z95): Interval {
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * A 95% interval for the mean of several accuracies, each from its own cases: the normal
 * approximation with the variance of a mean of independent binomial proportions,
 * Σ p(1 − p)/n / T², clipped to [0, 1]. Types share sample ids, so it is, if anything, narrow;
 * per-type Wilson intervals and the paired drops are the exact figures.
 */
export function macroInterval(parts: ReadonlyArray<{ accuracy: number; total: number }>): Interval {
  if (parts.length === 0) return [0, 1];
  const mean = parts.reduce((n, p) => n + p.accuracy, 0) / parts.length;
  const variance = parts.reduce((n, p) => n + (p.total ? (p.accuracy * (1 - p.accuracy)) / p.total : 0.25), 0) / (parts.length * parts.length);
  const half = Z95 * Math.sqrt(variance);
  return [Math.max(0, mean - half), Math.min(1, mean + half)];
}

/**
 * McNemar's exact test, two-sided: of the `b + c` discordant pairs (b: pass → fail,
 * c: fail → pass), is the split further from even than chance allows? p = 2 · P(X ≤ min(b, c))
 * for X ~ Binomial(b + c, ½), capped at 1. Summed in log space so thousands of pairs are exact.
 */
export function mcnemarExactP(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  const k = Math.min(b, c);
  // log C(n, i) built up term by term; log 2^n subtracted once.
  let logTerm = 0;
  let sum = 0;
  const logHalfN = -n * Math.LN2;
  for (let i = 0; i <= k; i++) {
    if (i > 0) logTerm += Math.log(n - i + 1) - Math.log(i);
    sum += Math.exp(logTerm + logHalfN);
  }
  return Math.min(1, 2 * sum);
}

/** A seeded stream of integers, so the same report gives the same intervals. */
export class SeededRandom {
  private readonly gen;

  constructor(seed: number) {
    this.gen = xoroshiro128plus(seed | 0);
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return uniformInt(this.gen, 0, n - 1);
  }
}

/** One unit of a paired comparison: its clean outcome and its perturbed outcomes. */
export interface PairedUnit {
  /** 1 if the clean case passed. */
  clean: number;
  /** Perturbed cases of this unit that passed, and how many there were. */
  correct: number;
  total: number;
}

/** Clean accuracy minus perturbed accuracy (pooled over the units' perturbed cases). */
export function pairedDrop(units: readonly PairedUnit[]): number {
  let clean = 0;
  let correct = 0;
  let total = 0;
  for (const u of units) {
    clean += u.clean;
    correct += u.correct;
    total += u.total;
  }
  return units.length === 0 || total === 0 ? 0 : clean / units.length - correct / total;
}

export const BOOTSTRAP_RESAMPLES = 2000;

/**
 * Percentile bootstrap over units (sample ids): each resample draws ids with replacement and
 * keeps every case of a drawn id, so the pairing of clean and perturbed — and the cases of one
 * id under several types — stay together. Seeded: the same data and seed give the same interval.
 */
export function pairedBootstrapInterval(units: readonly PairedUnit[], seed: number, resamples = BOOTSTRAP_RESAMPLES): Interval {
  if (units.length === 0) return [0, 0];
  const random = new SeededRandom(seed);
  const drops = new Float64Array(resamples);
  const sample: PairedUnit[] = new Array(units.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < units.length; i++) sample[i] = units[random.below(units.length)]!;
    drops[r] = pairedDrop(sample);
  }
  drops.sort();
  return [quantile(drops, 0.025), quantile(drops, 0.975)];
}

/** Linear interpolation between order statistics (R's type 7, numpy's default). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}
