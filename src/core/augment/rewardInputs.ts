import { z } from 'zod';
import { type ProblemSink, readJsonLines } from '../formats/index.js';
import { describeIssues, isPlainObject, predictionRecord, splitOf } from '../schema/index.js';
import { toolRlGroundTruth } from './toolrlText.js';

/** A rollout as verl dumps it: the completion as the model wrote it and the row's ground truth. */
const rollout = z.looseObject({ solution_str: z.string(), ground_truth: z.string() });

/** One completion to score, from a rollouts file or a prediction record. */
export interface RewardItem {
  line: number;
  /** A prediction record's split (`clean` or its perturbation type); `rollouts` for a rollouts line. */
  split: string;
  solution: string;
  groundTruth: string;
}

/**
 * The completions of a JSON-lines file with their ground truths: rollouts (`{"solution_str",
 * "ground_truth"}`) as they are, prediction records as the model's raw answer against the golden
 * calls in ToolRL's answer form. A line that is neither, or a record with nothing to score
 * against, is a problem naming its line.
 */
export async function* readRewardItems(file: string, onProblem: ProblemSink): AsyncGenerator<RewardItem> {
  for await (const { line, value } of readJsonLines(file, onProblem)) {
    const problem = (message: string) => onProblem({ file, line, severity: 'error', message });
    if (isPlainObject(value) && 'solution_str' in value) {
      const parsed = rollout.safeParse(value);
      if (parsed.success) yield { line, split: 'rollouts', solution: parsed.data.solution_str, groundTruth: parsed.data.ground_truth };
      else problem(`not a valid rollout: ${describeIssues(parsed.error)}`);
      continue;
    }
    const record = predictionRecord.safeParse(value);
    if (!record.success) {
      problem(`neither a rollout {"solution_str", "ground_truth"} nor a prediction record: ${describeIssues(record.error)}`);
      continue;
    }
    const groundTruth = toolRlGroundTruth(record.data);
    if (groundTruth === undefined) problem('the record has no golden call and no response to score against');
    else yield { line, split: splitOf(record.data), solution: record.data.prediction.raw_output ?? '', groundTruth };
  }
}
