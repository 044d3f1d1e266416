/** Each switch `reward_rlla.py` reads from the environment at call time, as an option. */
export interface ToolRlRewardOptions {
  /** Which chat markers delimit the answer (`EXPERIMENT_NAME` containing `qwen` or `llama`). */
  template?: 'qwen' | 'llama';
  /** The training step, for the schedules (`compute_score`'s `step`). */
  step?: number;
  /** `REFINEDREWARD=1`: names and parameter names score only when equal as lists, no partial credit. */
  refinedReward?: boolean;
  /** `COARSEREWARD=1`: the calls must equal the ground truth's, or the minimum. */
  coarseReward?: boolean;
  /** `INTERMEDIATEREWARD=1`: a call counts only when it equals the golden call. */
  intermediateReward?: boolean;
  /** `MAX1STEP30MAX3=1`: format up to 1 then 0.5 from step 30; correctness up to 1 then 3. */
  max1Step30Max3?: boolean;
  /** `SCHEDULEREWARD=1`: the bounds move with the step over 150 steps. */
  scheduleReward?: boolean;
  /** `SCHEDULELENGTH=1`: the length reward's word target grows with the step. */
  scheduleLength?: boolean;
  /** `CORRECTMAX1=1`: correctness in [−1, 1] instead of [−3, 3]. */
  correctMax1?: boolean;
  /** `WITHLENGTH=1`: add the length reward. */
  withLength?: boolean;
}

/** Each on/off switch and the environment variable the reference reads it from. */
export const TOOLRL_SWITCHES = {
  refinedReward: 'REFINEDREWARD',
  coarseReward: 'COARSEREWARD',
  intermediateReward: 'INTERMEDIATEREWARD',
  max1Step30Max3: 'MAX1STEP30MAX3',
  scheduleReward: 'SCHEDULEREWARD',
  scheduleLength: 'SCHEDULELENGTH',
  correctMax1: 'CORRECTMAX1',
  withLength: 'WITHLENGTH',
} as const;
export type ToolRlSwitch = keyof typeof TOOLRL_SWITCHES;

/** What an option left out means: Qwen's markers, step 0, every switch off (the reference with only `EXPERIMENT_NAME=qwen`). */
export const TOOLRL_DEFAULTS: Readonly<Required<ToolRlRewardOptions>> = {
  template: 'qwen',
  step: 0,
  refinedReward: false,
  coarseReward: false,
  intermediateReward: false,
  max1Step30Max3: false,
  scheduleReward: false,
  scheduleLength: false,
  correctMax1: false,
  withLength: false,
};

/** The options with every one left out (or `undefined`) at its default. */
export function withToolRlDefaults(options: ToolRlRewardOptions): Required<ToolRlRewardOptions> {
  const resolved = { ...TOOLRL_DEFAULTS };
  for (const [name, value] of Object.entries(options)) if (value !== undefined) Object.assign(resolved, { [name]: value });
  return resolved;
}

/**
 * The options the reference runs with in this environment: each switch on when its variable is
 * exactly `1`, the template from `EXPERIMENT_NAME` (`llama` wins, as there). An `EXPERIMENT_NAME`
 * naming neither is an error, as in the reference; none at all leaves the default.
 */
export function toolRlOptionsFromEnv(env: Readonly<Record<string, string | undefined>>): ToolRlRewardOptions {
  const options: ToolRlRewardOptions = {};
  const experiment = env['EXPERIMENT_NAME'];
  if (experiment?.includes('llama')) options.template = 'llama';
  else if (experiment?.includes('qwen')) options.template = 'qwen';
  else if (experiment !== undefined) throw new Error(`EXPERIMENT_NAME must contain "qwen" or "llama" to pick the chat template, not "${experiment}"`);
  for (const [name, variable] of Object.entries(TOOLRL_SWITCHES)) if (env[variable] === '1') options[name as ToolRlSwitch] = true;
  return options;
}
