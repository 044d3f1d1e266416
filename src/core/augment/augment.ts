import { type Problem, type ProblemSink } from '../formats/index.js';
import { canMake, datasetPerturbOptions, needsRewriter, NO_REWRITER_REASON, perturb, type PerturbationId, perturbationSpec, readCleanRows, type RewriteContext, Rng, type SameNameOptions, STATIC_TYPES, type AbbreviationRule, ToolPool } from '../perturb/index.js';
import type { Component, EvalRow } from '../schema/index.js';
import { apportion, type Mix, MixError, parseMix } from './mix.js';
import { toolRlGroundTruth, toolRlInput, toolRlInstruction, toolRlOutput } from './toolrlText.js';

export type Split = 'train' | 'test';

/** One training sample in ToolRL's texts, with where it came from. */
export interface TrainingExample {
  /** The clean row it was made from. */
  sourceId: string;
  /** `clean`, or the perturbation type. */
  type: PerturbationId | 'clean';
  component: Component | null;
  split: Split;
  instruction: string;
  input: string;
  /** The SFT target. */
  output: string;
  /** What the reward compares with. */
  groundTruth: string;
}

export interface AugmentOptions {
  inputs: readonly string[];
  /** See `parseMix`. */
  mix: string;
  /** Perturbed variants per clean sample, on average; each of a sample's variants has another type. */
  perSample: number;
  /** The share of the written set that is clean samples, in [0, 1). */
  cleanShare: number;
  /** The share of clean samples whose rows (clean and perturbed alike) go to the test split. */
  testShare: number;
  seed: number;
  rewrite?: RewriteContext;
  llmVariants?: readonly PerturbationId[];
  sameName?: SameNameOptions;
  abbreviation?: AbbreviationRule;
  onProblem: ProblemSink;
  /** Called now and then, with the perturbed samples made so far and the number asked for. */
  onProgress?: (done: number, total: number) => void;
}

export interface TypeCounts {
  component: Component;
  /** The type's share of the perturbed samples by the mix, apportioned. */
  requested: number;
  written: number;
  train: number;
  test: number;
}

/** A perturbation that could not be applied to a sample the plan chose, so another sample was tried. */
export interface FailedAttempt {
  id: string;
  type: PerturbationId;
  reason: string;
}

export interface Shortfall {
  type: PerturbationId;
  requested: number;
  written: number;
  reason: string;
}

export interface AugmentSummary {
  samples: number;
  mix: Partial<Record<PerturbationId, number>>;
  not_run: Partial<Record<PerturbationId, string>>;
  /** Types made through the rewriter although they have a rule. */
  llm_variants: PerturbationId[];
  counts: {
    /** `requested` is what the clean share asks; at most one clean row per sample can be written. */
    clean: { requested: number; written: number; train: number; test: number };
    perturbed: { requested: number; written: number };
    train: number;
    test: number;
    by_type: Partial<Record<PerturbationId, TypeCounts>>;
    by_component: Partial<Record<Component, { written: number; share: number }>>;
  };
  /** Clean samples not used, and why (no golden call and no response, a duplicate). */
  skipped: Array<{ id: string; reason: string }>;
  failed_attempts: FailedAttempt[];
  /** Types that could not be given their whole share, and why. */
  shortfalls: Shortfall[];
  /** Variants not kept because an identical prompt and answer was already in the set. */
  duplicates: number;
  problems: Problem[];
}

/** A clean sample and its variants; its clean example's split is the sample's. */
interface Sample {
  row: EvalRow;
  clean: TrainingExample;
  variants: TrainingExample[];
}

function example(row: EvalRow, sourceId: string, split: Split): TrainingExample | undefined {
  const groundTruth = toolRlGroundTruth(row);
  if (groundTruth === undefined) return undefined;
  const type = (row.perturbation?.type ?? 'clean') as PerturbationId | 'clean';
  return {
    sourceId,
    type,
    component: type === 'clean' ? null : perturbationSpec(type).component,
    split,
    instruction: toolRlInstruction(row),
    input: toolRlInput(row),
    output: toolRlOutput(row, groundTruth),
    groundTruth,
  };
}

const keyOf = (e: TrainingExample): string => `${e.instruction}\u0000${e.input}\u0000${e.groundTruth}`;

async function readSamples(options: AugmentOptions, problems: ProblemSink, skipped: AugmentSummary['skipped']): Promise<EvalRow[]> {
  const rows: EvalRow[] = [];
  for (const input of options.inputs) for await (const row of readCleanRows(input, problems, (s) => skipped.push(s))) rows.push(row);
  return rows;
}

/**
 * Builds a domain-randomized training set (ToolRL-DR) from clean samples: each type gets its
 * share of `samples × perSample` perturbed variants by the mix, drawn over samples in a seeded
 * order that prefers the samples with the fewest variants so far; a sample a type cannot apply
 * to (or whose variant duplicates one already made) gives its turn to the next. Every random
 * choice comes from the seed, so the same inputs and seed give the same set. Whole samples go to
 * one split, so no test prompt has a perturbed twin in training.
 */
export async function augment(options: AugmentOptions): Promise<{ examples: TrainingExample[]; summary: AugmentSummary }> {
  const problems: Problem[] = [];
  const onProblem: ProblemSink = (p) => {
    problems.push(p);
    options.onProblem(p);
  };
  // The mix is settled before any input is read, so a mix that cannot be made fails at once.
  const perturbOptions = datasetPerturbOptions(options);
  const { mix, dropped } = parseMix(options.mix, STATIC_TYPES.filter((id) => canMake(id, perturbOptions)));
  const notRun: AugmentSummary['not_run'] = Object.fromEntries(dropped.map((id) => [id, NO_REWRITER_REASON]));
  if (options.perSample > mix.size) throw new MixError(`--per-sample ${options.perSample} asks for more variants per sample than the ${mix.size} types the mix can make here (a sample takes one variant of a type)`);

  const skipped: AugmentSummary['skipped'] = [];
  const rows = await readSamples(options, onProblem, skipped);
  const seen = new Set<string>();
  const samples: Sample[] = [];
  for (const row of rows) {
    const clean = example(row, row.id, 'train');
    if (!clean) {
      skipped.push({ id: row.id, reason: 'no golden call and no response to train on' });
      continue;
    }
    const key = keyOf(clean);
    if (seen.has(key)) {
      skipped.push({ id: row.id, reason: 'the same prompt and answer as an earlier sample' });
      continue;
    }
    seen.add(key);
    samples.push({ row, clean, variants: [] });
  }
  // The split is drawn over the samples kept, so the test share is what was asked of them.
  const testCount = Math.round(samples.length * options.testShare);
  new Rng(options.seed, 'augment:split', '').shuffled(samples).slice(0, testCount).forEach((s) => (s.clean.split = 'test'));

  if (mix.has('redundant') && !needsRewriter('redundant', perturbOptions)) {
    // Training samples only, so no test sample's tools show up as distractors in training prompts.
    const pool = new ToolPool();
    samples.filter((s) => s.clean.split === 'train').forEach((s) => pool.addRow(s.row));
    perturbOptions.pool = pool;
  }

  const total = samples.length * options.perSample;
  const quotas = apportion(total, mix);
  const failed: FailedAttempt[] = [];
  const shortfalls: Shortfall[] = [];
  let duplicates = 0;
  let done = 0;
  for (const [id, quota] of quotas) {
    const candidates = new Rng(options.seed, `augment:${id}`, '').shuffled(samples);
    // A stable sort keeps the seeded order among samples with as many variants.
    candidates.sort((a, b) => a.variants.length - b.variants.length);
    let made = 0;
    for (const sample of candidates) {
      if (made === quota) break;
      const result = await perturb(id, sample.row, perturbOptions);
      const variant = result.ok ? example(result.row, sample.row.id, sample.clean.split) : undefined;
      if (!result.ok || !variant) {
        failed.push({ id: sample.row.id, type: id, reason: result.ok ? 'the variant has nothing to train on' : result.reason });
        continue;
      }
      const key = keyOf(variant);
      if (seen.has(key)) {
        duplicates++;
        continue;
      }
      seen.add(key);
      sample.variants.push(variant);
      made++;
      if (++done % 50 === 0) options.onProgress?.(done, total);
    }
    options.onProgress?.(done, total);
    if (made < quota) shortfalls.push({ type: id, requested: quota, written: made, reason: `every sample was tried; ${made} took it (a sample takes one variant of a type; failed_attempts says why the others did not)` });
  }

  const perturbedCount = samples.reduce((n, s) => n + s.variants.length, 0);
  const share = options.cleanShare;
  const cleanWanted = Math.round(share === 0 ? 0 : (share * perturbedCount) / (1 - share));
  const cleanCount = Math.min(samples.length, cleanWanted);
  const keptClean = new Set(new Rng(options.seed, 'augment:clean', '').shuffled(samples).slice(0, cleanCount));

  const examples: TrainingExample[] = [];
  for (const sample of samples) {
    if (keptClean.has(sample)) examples.push(sample.clean);
    // Types were drawn in registry order, so a sample's variants are in it already.
    examples.push(...sample.variants);
  }
  return { examples, summary: summarise(examples, { samples: samples.length, cleanWanted, shortfalls, mix, quotas, notRun, llmVariants: perturbOptions.llmVariants.filter((id) => mix.has(id)), skipped, failed, duplicates, problems }) };
}

interface Tally {
  samples: number;
  cleanWanted: number;
  shortfalls: Shortfall[];
  mix: Mix;
  quotas: Map<PerturbationId, number>;
  notRun: AugmentSummary['not_run'];
  llmVariants: PerturbationId[];
  skipped: AugmentSummary['skipped'];
  failed: FailedAttempt[];
  duplicates: number;
  problems: Problem[];
}

function summarise(examples: readonly TrainingExample[], tally: Tally): AugmentSummary {
  const count = (pick: (e: TrainingExample) => boolean): number => examples.reduce((n, e) => n + (pick(e) ? 1 : 0), 0);
  const perturbed = count((e) => e.type !== 'clean');
  const byType: AugmentSummary['counts']['by_type'] = {};
  for (const [id, requested] of tally.quotas) {
    byType[id] = {
      component: perturbationSpec(id).component,
      requested,
      written: count((e) => e.type === id),
      train: count((e) => e.type === id && e.split === 'train'),
      test: count((e) => e.type === id && e.split === 'test'),
    };
  }
  const byComponent: AugmentSummary['counts']['by_component'] = {};
  for (const e of examples) {
    if (!e.component) continue;
    byComponent[e.component] ??= { written: 0, share: 0 };
    byComponent[e.component]!.written++;
  }
  for (const c of Object.values(byComponent)) c.share = Number((c.written / perturbed).toFixed(4));
  return {
    samples: tally.samples,
    mix: Object.fromEntries([...tally.mix].map(([id, s]) => [id, Number(s.toFixed(6))])),
    not_run: tally.notRun,
    llm_variants: tally.llmVariants,
    counts: {
      clean: { requested: tally.cleanWanted, written: count((e) => e.type === 'clean'), train: count((e) => e.type === 'clean' && e.split === 'train'), test: count((e) => e.type === 'clean' && e.split === 'test') },
      perturbed: { requested: [...tally.quotas.values()].reduce((a, b) => a + b, 0), written: perturbed },
      train: count((e) => e.split === 'train'),
      test: count((e) => e.split === 'test'),
      by_type: byType,
      by_component: byComponent,
    },
    skipped: tally.skipped,
    failed_attempts: tally.failed,
    shortfalls: tally.shortfalls,
    duplicates: tally.duplicates,
    problems: tally.problems,
  };
}
