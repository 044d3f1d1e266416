import { type Command, Option } from 'commander';
import { readRewardItems } from '../core/augment/index.js';
import { formatProblem, type Problem } from '../core/formats/index.js';
import { type ToolRlReward, toolrlReward, ToolRlGroundTruthError, type ToolRlRewardOptions, type ToolRlSwitch, TOOLRL_SWITCHES } from '../core/score/index.js';
import { errorMessage } from '../common/errorMessage.js';
import { safeJson } from '../common/safeText.js';
import { UsageError } from './errors.js';
import { type CommandOutput, processOutput } from './commandOutput.js';
import { exitCodeOf } from './exitCodes.js';
import { exists, integerOption } from './options.js';
import { renderTable } from './table.js';

export type RewardCommandOptions = { json?: boolean; template: 'qwen' | 'llama'; step: string } & Partial<Record<ToolRlSwitch, boolean>>;

/** One input line's outcome, in input order: its reward, or why it has none. */
export type RewardLine = { file: string; line: number; split: string; reward: ToolRlReward; bound?: 'exact' | 'minimum' } | { file: string; line: number; error: string };

/**
 * Whether a completion's correctness sits at a bound of its ground truth: the ground truth scored
 * against itself gives the maximum, an empty answer the minimum, under the same switches (the
 * schedules move both with the step). Only ground truths that call tools have such bounds.
 */
function boundOf(reward: ToolRlReward, groundTruth: string, options: ToolRlRewardOptions): 'exact' | 'minimum' | undefined {
  if (!groundTruth.includes('<tool_call>')) return undefined;
  if (reward.correctness === toolrlReward(groundTruth, groundTruth, options).correctness) return 'exact';
  return reward.correctness === toolrlReward('', groundTruth, options).correctness ? 'minimum' : undefined;
}

/** `--max1-step30-max3` for `max1Step30Max3`: commander maps the flag back onto the option's name. */
const flagOf = (name: string): string => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

async function scoreFile(file: string, options: ToolRlRewardOptions, onProblem: (p: Problem) => void): Promise<RewardLine[]> {
  const lines: RewardLine[] = [];
  const sink = (p: Problem) => {
    onProblem(p);
    if (p.severity === 'error') lines.push({ file, line: p.line, error: p.message });
  };
  for await (const item of readRewardItems(file, sink)) {
    try {
      const reward = toolrlReward(item.solution, item.groundTruth, options);
      const bound = boundOf(reward, item.groundTruth, options);
      lines.push({ file, line: item.line, split: item.split, reward, ...(bound ? { bound } : {}) });
    } catch (err) {
      if (!(err instanceof ToolRlGroundTruthError)) throw err;
      sink({ file, line: item.line, severity: 'error', message: errorMessage(err) });
    }
  }
  // Problems are reported as lines are read, so they arrive before the line's own result would.
  return lines.sort((a, b) => a.line - b.line);
}

const mean = (xs: number[]): string => (xs.length === 0 ? '-' : (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(3));

function summary(lines: readonly RewardLine[]): string {
  const scored = lines.filter((l): l is Extract<RewardLine, { reward: ToolRlReward }> => 'reward' in l);
  const splits = [...new Set(scored.map((l) => l.split))];
  const rows = splits.map((split) => {
    const inSplit = scored.filter((l) => l.split === split);
    const pick = (key: keyof ToolRlReward) => mean(inSplit.map((l) => l.reward[key]));
    const at = (bound: 'exact' | 'minimum') => inSplit.filter((l) => l.bound === bound).length;
    return [split, inSplit.length, pick('score'), pick('format'), pick('correctness'), pick('length'), at('exact'), at('minimum')];
  });
  const unscored = lines.length - scored.length;
  return [
    `${scored.length} completions scored with the ToolRL reward${unscored > 0 ? `, ${unscored} lines could not be (see above)` : ''}`,
    '',
    renderTable(['split', 'n', 'score', 'format', 'correctness', 'length', 'exact', 'minimum'], rows),
    '',
    'exact: correctness at its maximum (every call as the ground truth has it); minimum: at its minimum (no call matched, or the answer could not be read). Both at the bounds of the switches given.',
  ].join('\n');
}

/** The `reward` command without commander: scores every line of every file; returns the lines in input order. */
export async function runReward(files: readonly string[], flags: RewardCommandOptions, output: Pick<CommandOutput, 'stdout' | 'stderr'>): Promise<{ lines: RewardLine[]; problems: Problem[] }> {
  const options: ToolRlRewardOptions = { template: flags.template, step: integerOption('--step', flags.step, 0) };
  for (const name of Object.keys(TOOLRL_SWITCHES) as ToolRlSwitch[]) if (flags[name]) options[name] = true;
  for (const file of files) if (!(await exists(file))) throw new UsageError(`no such file: ${file}`);
  const problems: Problem[] = [];
  const lines: RewardLine[] = [];
  for (const file of files) {
    lines.push(...(await scoreFile(file, options, (p) => {
      problems.push(p);
      if (!flags.json) output.stderr(formatProblem(p));
    })));
  }
  if (flags.json) {
    for (const l of lines) output.stdout(safeJson('reward' in l ? l.reward : { error: `${l.file}:${l.line}: ${l.error}` }));
  } else {
    output.stdout(summary(lines));
  }
  return { lines, problems };
}

export function registerRewardCommand(program: Command): void {
  const command = program
    .command('reward')
    .description('Score completions with ToolRL\'s reward (reward_rlla.py, ported exactly): format 0–1 + correctness −3…3 (+ length).')
    .argument('<file...>', 'rollouts (JSON lines of {"solution_str", "ground_truth"}, verl\'s names) or RobustBench-TC prediction records')
    .option('--json', 'print one {"score","format","correctness","length"} per input line, in input order ({"error"} for a line that cannot be scored)')
    .addOption(new Option('--template <name>', 'the chat markers around the answer (the reference\'s EXPERIMENT_NAME)').choices(['qwen', 'llama']).default('qwen'))
    .option('--step <n>', 'the training step, for the schedules', '0');
  for (const [name, variable] of Object.entries(TOOLRL_SWITCHES)) command.option(flagOf(name), `as ${variable}=1 in the reference`);
  command.action(async (files: string[], flags: RewardCommandOptions) => {
    const { problems } = await runReward(files, flags, processOutput(flags.json));
    process.exitCode = exitCodeOf(problems);
  });
}
