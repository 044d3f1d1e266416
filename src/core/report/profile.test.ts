import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PERTURBATION_IDS } from '../perturb/index.js';
import { compareRuns } from './compare.js';
import type { SplitGroup } from '../../common/reportData.js';
import type { Outcome } from './outcome.js';
import { cleanSplit, profileRun } from './profile.js';

const near = (actual: number | null | undefined, expected: number, what: string) => assert.equal(actual?.toFixed(4), expected.toFixed(4), what);

/** `a✓ b✗` → outcomes of one split. */
function split(run: string, name: string, group: SplitGroup, marks: string, injected?: string): Outcome[] {
  return marks.split(' ').map((m, i) => ({
    run,
    model: 'm',
    split: name,
    group,
    id: m[0]!,
    correct: m.endsWith('✓'),
    ...(injected ? { injected: injected[i] === 'y' } : {}),
  }));
}

// Four samples a–d. Clean 3/4. Reward: CD 1/4, TD 2/2 (TD has only a and b). Observation:
// typos 4/4. Transition: timeout 1/4, with the fault injected in a, b and d.
const BASE: Outcome[] = [
  ...split('base', 'clean', 'clean', 'a✓ b✓ c✓ d✗'),
  ...split('base', 'CD', 'reward', 'a✓ b✗ c✗ d✗'),
  ...split('base', 'TD', 'reward', 'a✓ b✓'),
  ...split('base', 'realistic_typos', 'observation', 'a✓ b✓ c✓ d✓'),
  ...split('base', 'timeout', 'transition', 'a✓ b✗ c✗ d✗', 'yyny'),
];
const OPTIONS = { seed: 42, splitOrder: PERTURBATION_IDS };

test('accuracy per split with Wilson intervals, in registry order after clean', () => {
  const p = profileRun(BASE, OPTIONS);
  assert.deepEqual(p.splits.map((s) => s.split), ['clean', 'realistic_typos', 'CD', 'TD', 'timeout']);
  const clean = cleanSplit(p)!;
  assert.deepEqual([clean.correct, clean.total, clean.accuracy], [3, 4, 0.75]);
  near(clean.ci[0], 0.3006, 'clean interval low');
  near(clean.ci[1], 0.9544, 'clean interval high');
  assert.deepEqual(p.splits.find((s) => s.split === 'timeout')!.injected, { count: 3, share: 0.75 });
});

test('components: macro is the mean of the types, pooled the share of rows', () => {
  const reward = profileRun(BASE, OPTIONS).components.find((c) => c.component === 'reward')!;
  assert.deepEqual(reward.types, ['CD', 'TD']);
  assert.equal(reward.macro, (0.25 + 1) / 2);
  assert.equal(reward.pooled, 3 / 6);
  near(reward.ci[0], 0.1876, 'pooled interval low');
  near(reward.ci[1], 0.8124, 'pooled interval high');
});

test('drops are paired on ids: clean minus perturbed, absolute and relative', () => {
  const p = profileRun(BASE, OPTIONS);
  const reward = p.components.find((c) => c.component === 'reward')!;
  // Units a (clean ✓, 2/2), b (✓, 1/2), c (✓, 0/1), d (✗, 0/1): 3/4 − 3/6.
  assert.equal(reward.drop?.absolute, 0.25);
  near(reward.drop?.relative, 1 / 3, 'relative drop');
  assert.equal(reward.drop?.pairedIds, 4);
  assert.ok(reward.drop!.ci[0] <= 0.25 && 0.25 <= reward.drop!.ci[1]);
  const typos = p.splits.find((s) => s.split === 'realistic_typos')!;
  assert.equal(typos.drop?.absolute, -0.25, 'typos did better than clean here');
  assert.deepEqual(profileRun(BASE, OPTIONS), p, 'seeded: the same outcomes give the same report');
});

test('aggregate pools every perturbed case; retention is aggregate over clean', () => {
  const p = profileRun(BASE, OPTIONS);
  // CD 1/4, TD 2/2, typos 4/4, timeout 1/4: 8 of 14.
  assert.deepEqual([p.aggregate?.correct, p.aggregate?.total], [8, 14]);
  near(p.retention, 8 / 14 / 0.75, 'retention');
  near(p.aggregate!.ci[0], 0.3259, 'aggregate interval low');
});

test('run vs run: flips both ways per split, McNemar per split and component, gap closure', () => {
  const tuned: Outcome[] = [
    ...split('tuned', 'clean', 'clean', 'a✓ b✓ c✓ d✓'),
    ...split('tuned', 'CD', 'reward', 'a✓ b✓ c✓ d✗'),
    ...split('tuned', 'TD', 'reward', 'a✗ b✓'),
    ...split('tuned', 'realistic_typos', 'observation', 'a✓ b✓ c✓ d✓'),
    ...split('tuned', 'timeout', 'transition', 'a✓ b✓ c✓ d✓'),
  ];
  const c = compareRuns(BASE, tuned, PERTURBATION_IDS);
  const cd = c.splits.find((s) => s.split === 'CD')!;
  assert.deepEqual([cd.passToFail, cd.failToPass], [[], ['b', 'c']]);
  assert.equal(cd.pValue, 0.5, 'two flips one way: 2 · (1/2)^2');
  const clean = c.splits.find((s) => s.split === 'clean')!;
  assert.deepEqual([clean.passToFail, clean.failToPass], [[], ['d']]);
  const reward = c.components.find((x) => x.component === 'reward')!;
  assert.deepEqual([reward.passToFail, reward.failToPass], [1, 2]);
  assert.equal(reward.pValue, 1);
  // Gaps on macro accuracy: base 0.75 − (0.25 + 1)/2 = 0.125; tuned 1 − (0.75 + 0.5)/2 = 0.375.
  near(reward.gapA, 0.125, 'gap A');
  near(reward.gapB, 0.375, 'gap B');
  near(reward.gapClosure, (0.125 - 0.375) / 0.125, 'the tuned run widened the reward gap');
  const transition = c.components.find((x) => x.component === 'transition')!;
  // base 0.75 − 0.25 = 0.5; tuned 1 − 1 = 0: the whole gap is closed.
  assert.equal(transition.gapClosure, 1);
  const observation = c.components.find((x) => x.component === 'observation')!;
  assert.equal(observation.gapClosure, null, 'base has no observation gap (typos beat clean)');
});

test('runs of different protocols are flagged as not comparable; the same protocol, or none recorded on either side, is not', () => {
  const under = (outcomes: Outcome[], protocol: string | undefined) => outcomes.map((o) => (protocol ? { ...o, protocol } : o));
  const base = split('base', 'clean', 'clean', 'a✓ b✗');
  const other = split('other', 'clean', 'clean', 'a✓ b✓');
  const differ = compareRuns(under(base, 'paper'), under(other, 'native'), PERTURBATION_IDS);
  assert.deepEqual([differ.protocolA, differ.protocolB], ['paper', 'native']);
  assert.match(differ.notComparable ?? '', /run A was run with protocol paper, run B with native/);
  assert.equal(compareRuns(under(base, 'paper'), under(other, 'paper'), PERTURBATION_IDS).notComparable, undefined);
  assert.equal(compareRuns(base, other, PERTURBATION_IDS).notComparable, undefined);
  assert.match(compareRuns(under(base, 'paper'), other, PERTURBATION_IDS).notComparable ?? '', /run B with not recorded/);
  const mixed = compareRuns([...under(base.slice(0, 1), 'paper'), ...under(base.slice(1), 'native')], under(other, 'paper'), PERTURBATION_IDS);
  assert.equal(mixed.protocolA, 'mixed: native; paper');
  assert.ok(mixed.notComparable, 'a run of mixed protocols compares with nothing');
});
