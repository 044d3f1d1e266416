/**
 * The data of a robustness report, as the CLI prints it (`report --format json`, `compare
 * --json`), the dashboard shows it and the HTML report embeds it. Types only, shared by every
 * layer; src/core/report computes them. The field names are a contract: add, never rename.
 */

/** A 95% interval, as fractions. */
export type Interval = [lo: number, hi: number];

/** The clean split, one of the four components, or a BFCL category. */
export type SplitGroup = 'clean' | 'observation' | 'action' | 'reward' | 'transition' | 'bfcl';

export type ComponentName = Exclude<SplitGroup, 'clean' | 'bfcl'>;

/** How much worse than clean, on the ids both have. */
export interface Drop {
  /** Clean accuracy minus perturbed accuracy, as a fraction (0.12 is 12 points). */
  absolute: number;
  /** `absolute / clean accuracy`; null when clean accuracy is 0. */
  relative: number | null;
  /** Paired bootstrap 95% interval of `absolute`, resampling sample ids. */
  ci: Interval;
  /** Ids with both a clean and a perturbed outcome: what the drop is computed on. */
  pairedIds: number;
}

export interface SplitProfile {
  split: string;
  component: ComponentName | 'clean';
  total: number;
  correct: number;
  accuracy: number;
  /** Wilson 95% interval of `accuracy`. */
  ci: Interval;
  drop?: Drop;
  /** Transition splits: cases whose pass 1 made a call, so the fault was really injected. */
  injected?: { count: number; share: number };
}

export interface ComponentProfile {
  component: ComponentName;
  /** The types of the component present in the run. */
  types: string[];
  /** Mean of its types' accuracies: each type weighs the same. */
  macro: number;
  /** 95% interval of `macro`, from the types' binomial variances (types taken as independent). */
  macroCi: Interval;
  /** Correct over all its rows: each case weighs the same. */
  pooled: number;
  total: number;
  correct: number;
  /** Wilson 95% interval of `pooled`. */
  ci: Interval;
  /** Clean minus `pooled` on paired ids. */
  drop?: Drop;
}

/** Where a BFCL category's verdicts come from: RobustLens's re-scoring, or BFCL's own score file. */
export type VerdictSource = 'robustlens' | 'bfcl-score';

export interface CategoryReport {
  category: string;
  total: number;
  correct: number;
  accuracy: number;
  source: VerdictSource;
}

/** One run of one model in a report. */
export interface RunReport {
  run: string;
  model: string;
  /** The run protocol its records name (`robustlens run --protocol`), `mixed: …` when they disagree; null when they name none. */
  protocol: string | null;
  /** RobustBench-TC splits: clean first, then the perturbation types. Empty for a BFCL run. */
  splits: SplitProfile[];
  components: ComponentProfile[];
  /** Accuracy pooled over every perturbed case; null without perturbed cases. */
  aggregate: number | null;
  aggregateCi: Interval | null;
  aggregateDrop: Drop | null;
  /** `aggregate / clean accuracy`; null without both. */
  retention: number | null;
  /** BFCL categories with the source of their verdicts. Empty for a RobustBench-TC run. */
  categories: CategoryReport[];
  /** BFCL's leaderboard columns, `"<csv file stem>/<column>": accuracy`. */
  bfclSummary: Record<string, number>;
}

/** How many samples of one split of one run carry one tag (an error category or a free tag). */
export interface TagCount {
  tag: string;
  run: string;
  model: string;
  split: string;
  count: number;
}

export interface Report {
  /** The bootstrap seed: the same data and seed give the same intervals. */
  seed: number;
  runs: RunReport[];
  /** Tag counts per category × split × run, from the tag journals next to the results; empty without tags. */
  tags: TagCount[];
}

/** One split (or BFCL category) of two runs, over the ids both ran. */
export interface SplitComparison {
  model: string;
  split: string;
  group: SplitGroup;
  /** Ids both runs have for this split. */
  shared: number;
  accuracyA: number;
  accuracyB: number;
  /** Passed in A, failed in B. */
  passToFail: string[];
  /** Failed in A, passed in B. */
  failToPass: string[];
  /** McNemar's exact test on the two lists: small means the runs really differ on this split. */
  pValue: number;
}

/** One component of two runs: its flips pooled over its splits, and how much of A's gap B closes. */
export interface ComponentComparison {
  component: ComponentName;
  passToFail: number;
  failToPass: number;
  pValue: number;
  /** Clean accuracy minus the component's macro accuracy, in each run, on the shared cases; null without a clean split. */
  gapA: number | null;
  gapB: number | null;
  /** `(gapA − gapB) / gapA`, the paper's measure; null when A has no gap to close. */
  gapClosure: number | null;
}

export interface RunComparison {
  runA: string;
  runB: string;
  modelA: string;
  modelB: string;
  /** Each run's protocol (`robustlens run --protocol`); null when its records name none. */
  protocolA: string | null;
  protocolB: string | null;
  /** Set when the protocols differ (or are unknown for one run): the flips may come from the settings, not the model. */
  notComparable?: string;
  splits: SplitComparison[];
  components: ComponentComparison[];
}

/**
 * The samples behind a figure of a report (a bar, a cell, a count): what the Results tree is
 * filtered to when it is clicked.
 */
export interface SampleScope {
  /** The runs whose samples count, each by run id and model. */
  runs: Array<{ run: string; model: string }>;
  component?: string;
  split?: string;
  /** Only these sample ids (a list of flips). */
  ids?: string[];
  /** What the scope is, in words, for the tree's message. */
  label: string;
}

/** A run's protocol in words: its label, or `not recorded` when its records name none. */
export function protocolName(protocol: string | null): string {
  return protocol ?? 'not recorded';
}

/** `A paper, B native`: the protocols of a comparison's two runs. */
export function protocolsText(c: Pick<RunComparison, 'protocolA' | 'protocolB'>): string {
  return `A ${protocolName(c.protocolA)}, B ${protocolName(c.protocolB)}`;
}
