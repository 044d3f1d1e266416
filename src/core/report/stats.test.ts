import { test } from 'node:test';
import assert from 'node:assert/strict';
import { macroInterval, mcnemarExactP, pairedBootstrapInterval, pairedDrop, quantile, wilsonInterval, type PairedUnit } from './stats.js';

const near = (actual: number, expected: number, digits = 4) => assert.equal(actual.toFixed(digits), expected.toFixed(digits), `${actual} ≠ ${expected}`);

test('Wilson intervals match Newcombe (1998), table I, method 3', () => {
  const table: Array<[number, number, number, number]> = [
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ];
  for (const [k, n, lo, hi] of table) {
    const [l, h] = wilsonInterval(k, n);
    near(l, lo);
    near(h, hi);
  }
  assert.deepEqual(wilsonInterval(0, 0), [0, 1], 'no cases: nothing is known');
  const [l, h] = wilsonInterval(20, 20);
  near(h, 1);
  near(l, 1 - 0.1611, 4);
});

test('McNemar’s exact p-value is twice the binomial tail of the smaller discordant count', () => {
  // 1 vs 9 discordant pairs: 2 · (C(10,0) + C(10,1)) / 2^10 = 22 / 1024.
  near(mcnemarExactP(1, 9), 22 / 1024, 12);
  assert.equal(mcnemarExactP(9, 1), mcnemarExactP(1, 9), 'symmetric');
  // 0 vs 5: 2 / 32.
  near(mcnemarExactP(0, 5), 0.0625, 12);
  // 5 vs 15: 2 · (1 + 20 + 190 + 1140 + 4845 + 15504) / 2^20.
  near(mcnemarExactP(5, 15), (2 * 21700) / 1048576, 12);
  assert.equal(mcnemarExactP(3, 3), 1, 'an even split is capped at 1');
  assert.equal(mcnemarExactP(0, 0), 1, 'no discordant pairs: no evidence');
  // Thousands of pairs stay finite and exact enough: 1000 vs 1100 is p ≈ 0.0271 (normal approximation 0.0285).
  const p = mcnemarExactP(1000, 1100);
  assert.ok(p > 0.02 && p < 0.035, String(p));
});

test('the paired drop pools the perturbed cases of each id against its clean case', () => {
  const units: PairedUnit[] = [
    { clean: 1, correct: 0, total: 2 },
    { clean: 1, correct: 2, total: 2 },
    { clean: 0, correct: 0, total: 2 },
    { clean: 1, correct: 1, total: 2 },
  ];
  // clean 3/4 = 0.75, perturbed 3/8 = 0.375.
  assert.equal(pairedDrop(units), 0.375);
  assert.equal(pairedDrop([]), 0);
});

test('the paired bootstrap is seeded, brackets the estimate, and collapses when every id is alike', () => {
  const units: PairedUnit[] = Array.from({ length: 60 }, (_, i) => ({ clean: i % 4 === 0 ? 0 : 1, correct: i % 3 === 0 ? 1 : 0, total: 1 }));
  const a = pairedBootstrapInterval(units, 7);
  assert.deepEqual(pairedBootstrapInterval(units, 7), a, 'the same seed gives the same interval');
  const estimate = pairedDrop(units);
  assert.ok(a[0] < estimate && estimate < a[1], `${a} around ${estimate}`);
  const alike = Array.from({ length: 10 }, () => ({ clean: 1, correct: 0, total: 1 }));
  assert.deepEqual(pairedBootstrapInterval(alike, 1), [1, 1]);
});

test('quantiles interpolate between order statistics', () => {
  assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(quantile([1, 2, 3, 4], 0), 1);
  assert.equal(quantile([1, 2, 3, 4], 1), 4);
  assert.equal(quantile([0, 10], 0.025), 0.25);
});

test('the interval of a macro mean adds the types\' binomial variances', () => {
  // mean 0.7; variance (0.5·0.5/100 + 0.9·0.1/100) / 2² = 0.00085; half-width 1.96 · 0.029155.
  const [lo, hi] = macroInterval([
    { accuracy: 0.5, total: 100 },
    { accuracy: 0.9, total: 100 },
  ]);
  near(lo, 0.6429);
  near(hi, 0.7571);
  assert.deepEqual(macroInterval([{ accuracy: 1, total: 50 }]), [1, 1]);
});
