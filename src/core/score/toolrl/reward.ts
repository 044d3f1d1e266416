import { pyJsonLoads } from '../python/json.js';
import { pySplitWhitespace, pyStrip } from '../python/text.js';
import { PyError, pyLen, type PyValue } from '../python/values.js';
import { counterOverlap, dictOf, item, jsonEq } from './jsonValues.js';
import { type ToolRlRewardOptions, withToolRlDefaults } from './options.js';
import { pyRound } from './pythonRound.js';

/*
 * ToolRL's reward (`reward_rlla.py`, github.com/qiancheng0/ToolRL, Apache-2.0), ported line for
 * line so that every number is the reference's, bit for bit: Python's `==` between JSON values,
 * its `Counter`, `re`'s `$`, `str.strip()`, `str.split()` and `round()`, and the arithmetic in the
 * reference's order.
 */

/** What `compute_score` returns: the sum and its three parts. */
export interface ToolRlReward {
  score: number;
  format: number;
  correctness: number;
  length: number;
}

/** The ground truth cannot be read: the reference raises too (it parses it outside its `try`). */
export class ToolRlGroundTruthError extends Error {
  constructor(
    /** The exception the reference raises (`JSONDecodeError`, `ValueError`, …). */
    readonly pythonType: string,
    message: string,
  ) {
    super(message);
  }
}

type Options = Required<ToolRlRewardOptions>;

interface Bounds {
  max: number;
  min: number;
}

const MARKERS = {
  qwen: ['<|im_start|>assistant', '<|im_end|>'],
  llama: ['<|start_header_id|>assistant<|end_header_id|>', '<|eot_id|>'],
} as const;

/** `text.count(part)`: non-overlapping occurrences. */
const count = (text: string, part: string): number => text.split(part).length - 1;

/** `re.search('^…$', s, re.DOTALL)`: Python's `$` without MULTILINE also matches before one newline that ends the text. */
const pattern = (body: string): RegExp => new RegExp(`^${body}(?=\\n?$)`, 's');
const RESPONSE_ONLY = pattern('<think>.*?</think>\\n<response>.*?</response>');
const CALL_ONLY = pattern('<think>.*?</think>\\n<tool_call>\\n.*?\\n</tool_call>');
const CALL_AND_RESPONSE = pattern('<think>.*?</think>\\n<tool_call>\\n.*?\\n</tool_call>\\n<response>.*?</response>');
const THINK_ONLY = pattern('<think>.*?</think>');

/** `customize_format_reward_func`: the tags the ground truth's kind calls for, each once. */
function formatReward(response: string, answer: string, options: Options, bounds: Bounds): number {
  let { max, min } = bounds;
  const { step } = options;
  if (options.max1Step30Max3 && step >= 30) [max, min] = [max / 2, min / 2];
  if (options.scheduleReward) {
    max = 2 - ((2 - max) * step) / 150;
    min = -2 + ((2 + min) * step) / 150;
    if (max < 1.0) max = 1.0;
    if (min > -1.0) min = -1.0;
  }
  const once = (...tags: string[]): boolean => tags.every((tag) => count(response, tag) === 1);
  const [wantsResponse, wantsCall] = [answer.includes('<response>'), answer.includes('<tool_call>')];
  let ok: boolean;
  if (wantsResponse && !wantsCall) ok = RESPONSE_ONLY.test(response) && once('<response>', '</response>');
  else if (!wantsResponse && wantsCall) ok = CALL_ONLY.test(response) && once('<tool_call>', '</tool_call>');
  else if (wantsResponse && wantsCall) ok = CALL_AND_RESPONSE.test(response) && once('<tool_call>', '</tool_call>', '<response>', '</response>');
  else ok = THINK_ONLY.test(response);
  return ok ? max : min;
}

/** `customize_length_reward_func`: words of the last `<think>` over a target, rounded to hundredths, at most 1. */
function lengthReward(response: string, options: Options, bounds: Bounds): number {
  const target = options.scheduleLength ? ((640 - 384) * options.step) / 105 + 384 : 512;
  if (!response.includes('<think>') || !response.includes('</think>')) return bounds.min;
  const think = pyStrip(response.split('<think>').at(-1)!.split('</think>')[0]!);
  // Python raises where JavaScript would divide by zero (a step of −157.5 under SCHEDULELENGTH).
  if (target === 0) throw new Error('ZeroDivisionError: the length target is 0 at this step');
  let reward = pyRound(pySplitWhitespace(think).length / target, 2);
  if (reward > 1.0) reward = 1.0;
  return reward * (bounds.max - bounds.min) + bounds.min;
}

/** `match_score`: 1 for equal lists, else the multiset Jaccard of the two (a `Counter`, so items must be hashable). */
function matchScore(a: PyValue[], b: PyValue[], options: Options): number {
  if (jsonEq(a, b)) return 1.0;
  if (options.refinedReward) return 0.0;
  if (a.length === 0 || b.length === 0) return 0.0;
  const intersection = counterOverlap(a, b);
  const maxPossible = a.length + b.length - intersection;
  return maxPossible > 0 ? intersection / maxPossible : 0.0;
}

/** `compute_tool_call_reward`: each golden call takes the best unused predicted call of its name. */
function toolCallReward(golden: PyValue[], predicted: PyValue[], bounds: Bounds, options: Options): number {
  if (jsonEq(golden, predicted)) return bounds.max;
  if (options.coarseReward) return bounds.min;
  let score = matchScore(
    golden.map((t) => item(t, 'name')),
    predicted.map((t) => item(t, 'name')),
    options,
  );
  let localMax = 1.0;
  const used = new Set<number>();
  for (const goldenTool of golden) {
    const name = item(goldenTool, 'name');
    const params = item(goldenTool, 'parameters');
    // `len()` takes a str (code points), list or dict here; the dict is required only once a call of this name turns up.
    localMax += options.intermediateReward ? 1.0 : 1.0 + pyLen(params);
    let best = -1;
    let bestScore = 0.0;
    for (const [i, tool] of predicted.entries()) {
      if (used.has(i) || !jsonEq(item(tool, 'name'), name)) continue;
      if (options.intermediateReward) {
        if (!jsonEq(goldenTool, tool)) continue;
        [best, bestScore] = [i, 1.0];
        break;
      }
      const [wanted, got] = [dictOf(params), dictOf(item(tool, 'parameters'))];
      const paramScore = matchScore(wanted.keys(), got.keys(), options);
      let correct = 0;
      for (const [key, value] of wanted.entries) {
        const given = got.get(key);
        if (given !== undefined && jsonEq(given, value)) correct += 1.0;
      }
      const total = paramScore + correct;
      if (total > bestScore) [best, bestScore] = [i, total];
    }
    if (best >= 0) {
      used.add(best);
      score += bestScore;
    }
  }
  return ((bounds.max - bounds.min) * score) / localMax + bounds.min;
}

/** The JSON lines of the first `<tool_call>` block. */
const callsIn = (text: string): PyValue[] =>
  pyStrip(text.split('<tool_call>')[1]!.split('</tool_call>')[0]!)
    .split('\n')
    .map((line) => pyJsonLoads(line));

/** `customize_correctness_reward_tool`: 0 when the ground truth calls nothing, else how well the calls match. */
function correctnessReward(response: string, answer: string, options: Options, bounds: Bounds): number {
  let { max, min } = bounds;
  const { step } = options;
  if (options.max1Step30Max3 && step < 30) [max, min] = [max / 3, min / 3];
  if (options.scheduleReward) {
    max = ((max - 2) * step) / 150 + 2;
    min = ((min + 2) * step) / 150 - 2;
    if (max > 3.0) max = 3.0;
    if (min < -3.0) min = -3.0;
  }
  if (!answer.includes('<tool_call>')) return 0.0;
  let golden: PyValue[];
  try {
    golden = callsIn(answer);
  } catch (err) {
    if (err instanceof PyError) throw new ToolRlGroundTruthError(err.pyType, `the ground truth's <tool_call> block is not JSON lines (${err.pyType}: ${err.message})`);
    throw err;
  }
  try {
    if (!response.includes('<tool_call>') || !response.includes('</tool_call>')) throw new PyError('AssertionError', 'no <tool_call> block');
    return toolCallReward(golden, callsIn(response), { max, min }, options);
  } catch (err) {
    // The reference's bare `except`: any failure on the completion's side is the minimum.
    if (err instanceof PyError) return min;
    throw err;
  }
}

/**
 * `compute_score(solution_str, ground_truth, step)`: the completion (chat markers or not) against
 * the ground truth. Throws ToolRlGroundTruthError where the reference raises on the ground truth.
 */
export function toolrlReward(solution: string, groundTruth: string, options: ToolRlRewardOptions = {}): ToolRlReward {
  const resolved = withToolRlDefaults(options);
  const [open, close] = MARKERS[resolved.template];
  // Without markers, split leaves the whole text: a bare completion is scored as it is.
  const response = pyStrip(solution.split(open).at(-1)!.split(close)[0]!);
  const tool: Bounds = resolved.correctMax1 ? { max: 1.0, min: -1.0 } : { max: 3.0, min: -3.0 };
  const unit: Bounds = { max: 1.0, min: 0.0 };
  const format = formatReward(response, groundTruth, resolved, unit);
  const correctness = correctnessReward(response, groundTruth, resolved, tool);
  const length = resolved.withLength ? lengthReward(response, resolved, unit) : 0;
  return { score: format + correctness + length, format, correctness, length };
}
