import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { fuzz } from '../../../../test/support/fuzz.js';
import { SHARED_TOOLRL_DIR, sharedToolRlMissing } from '../../../../test/support/sharedToolRl.js';
import { toolRlOptionsFromEnv, type ToolRlRewardOptions } from './options.js';
import { type ToolRlReward, toolrlReward, ToolRlGroundTruthError } from './reward.js';

interface Pair {
  solution: string;
  ground_truth: string;
}

interface Case extends Pair {
  env: Record<string, string>;
  step: number;
}

// Python will not read an int of more than 4300 digits (ValueError).
const HUGE_INT = '7'.repeat(4301);

// Small pools, so that equal, almost-equal and differently-typed values meet often.
const VALUES = ['1', '1.0', 'true', '"1"', '0', '-0.0', 'false', 'null', '2.5', '1e2', '100', '"a"', '"A"', '"\\u00e9"', '"é"', '""', '[1, 2]', '[2, 1]', '[1.0, 2]', '[]', '{"x": 1}', '{"x": 1.0}', '{"x": [true, {"y": null}]}', '{}', 'NaN', 'Infinity', '-Infinity', '9007199254740993', '9007199254740992.0', '12345678901234567890', '[[1], {"a": 1}]', '[NaN]', '{"x": NaN}'];
/** What a completion may put in place of a golden value: HUGE_INT only here, or most ground truths would raise. */
const ANY_VALUES = [...VALUES, HUGE_INT];
const PARAMS = ['a', 'b', 'city', 'unit', '1'];
const NAMES = ['"get_weather"', '"search"', '"f"', '"f "'];
const ODD_NAMES = ['1', 'true', 'null', '["f"]', '{"n": 1}', 'NaN', '1.0'];
const WORDS = ['check', 'the', 'tool', 'user', 'asks', 'weather'];

interface Call {
  name: string;
  params: Array<[string, string]>;
}

const callText = (c: Call): string => `{"name": ${c.name}, "parameters": {${c.params.map(([k, v]) => `"${k}": ${v}`).join(', ')}}}`;

const callArb: fc.Arbitrary<Call> = fc.record({
  name: fc.constantFrom(...NAMES),
  params: fc.uniqueArray(fc.tuple(fc.constantFrom(...PARAMS), fc.constantFrom(...VALUES)), { maxLength: 3, selector: ([k]) => k }),
});

const MUTATIONS = ['rename', 'odd_name', 'drop_param', 'extra_param', 'change_value', 'retype_value', 'reorder_params', 'reorder', 'duplicate', 'drop_call', 'extra_call', 'bad_json', 'not_object', 'no_name', 'params_not_dict', 'empty_line'] as const;
type Mutation = (typeof MUTATIONS)[number];

const RETYPE: Record<string, string> = { '1': '1.0', '1.0': 'true', true: '"1"', '"1"': '1', '0': 'false', false: '-0.0', '[1, 2]': '[1.0, 2]', '{"x": 1}': '{"x": 1.0}', '9007199254740993': '9007199254740992.0' };

function mutate(calls: Call[], lines: string[], mutation: Mutation, pick: number): string[] {
  // Earlier mutations may have dropped or reordered lines, so a call and its line are looked up together.
  const n = Math.min(calls.length, lines.length);
  const i = n === 0 ? -1 : pick % n;
  const c = i < 0 ? undefined : calls[i];
  const replace = (call: Call): string[] => lines.map((l, j) => (j === i ? callText(call) : l));
  switch (mutation) {
    case 'rename':
      return c ? replace({ ...c, name: NAMES[(NAMES.indexOf(c.name) + 1) % NAMES.length]! }) : lines;
    case 'odd_name':
      return c ? replace({ ...c, name: ODD_NAMES[pick % ODD_NAMES.length]! }) : lines;
    case 'drop_param':
      return c && c.params.length > 0 ? replace({ ...c, params: c.params.slice(1) }) : lines;
    case 'extra_param':
      return c ? replace({ ...c, params: [...c.params.filter(([k]) => k !== 'extra'), ['extra', ANY_VALUES[pick % ANY_VALUES.length]!]] }) : lines;
    case 'change_value':
      return c && c.params.length > 0 ? replace({ ...c, params: c.params.map(([k, v], j) => [k, j === 0 ? ANY_VALUES[(ANY_VALUES.indexOf(v) + 1 + pick) % ANY_VALUES.length]! : v]) }) : lines;
    case 'retype_value':
      return c && c.params.length > 0 ? replace({ ...c, params: c.params.map(([k, v]) => [k, RETYPE[v] ?? v]) }) : lines;
    case 'reorder_params':
      // Same keys in another order: equal dicts, but unequal key lists for REFINEDREWARD.
      return c ? replace({ ...c, params: [...c.params].reverse() }) : lines;
    case 'reorder':
      return [...lines].reverse();
    case 'duplicate':
      return c ? [...lines, lines[i]!] : lines;
    case 'drop_call':
      return lines.filter((_, j) => j !== i);
    case 'extra_call':
      return [...lines, callText({ name: NAMES[pick % NAMES.length]!, params: [['a', '1']] })];
    case 'bad_json':
      return lines.map((l, j) => (j === i ? l.slice(0, -1) : l));
    case 'not_object':
      return [...lines, ['[1]', '"x"', '5', 'null'][pick % 4]!];
    case 'no_name':
      return c ? lines.map((l, j) => (j === i ? `{"parameters": {}}` : l)) : lines;
    case 'params_not_dict':
      return c ? lines.map((l, j) => (j === i ? `{"name": ${c.name}, "parameters": ${['[1]', '"x"', '3', 'null'][pick % 4]}}` : l)) : lines;
    case 'empty_line':
      // In the middle: one at either end is stripped away with the block.
      return [...lines.slice(0, 1), '', ...lines.slice(1)];
  }
}

const FRAMES = ['plain', 'qwen_markers', 'llama_markers', 'trailing_newline', 'two_trailing_newlines', 'leading_space', 'no_think', 'think_unclosed', 'no_tool_call_close', 'two_tool_call_blocks', 'text_after', 'response_added', 'response_dropped', 'nothing'] as const;

const caseArb: fc.Arbitrary<Pair> = fc
  .record({
    golden: fc.array(callArb, { minLength: 0, maxLength: 3 }),
    goldenResponse: fc.boolean(),
    goldenBroken: fc.integer({ min: 0, max: 40 }),
    // Ground truths are data too: odd ones raise in the reference, or make every completion fail.
    goldenOdd: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 7 },
      { arbitrary: fc.tuple(fc.constantFrom<Mutation>('odd_name', 'not_object', 'no_name', 'params_not_dict', 'duplicate', 'empty_line', 'extra_param'), fc.nat(50)), weight: 1 },
    ),
    mutations: fc.array(fc.tuple(fc.constantFrom(...MUTATIONS), fc.nat(50)), { maxLength: 3 }),
    frame: fc.constantFrom(...FRAMES),
    // 64 and 320 words over 512 are the ties 0.125 and 0.625, which only round-half-even on the exact value gets right.
    thinkWords: fc.oneof(fc.nat(20), fc.integer({ min: 200, max: 700 }), fc.constantFrom(64, 192, 320, 448)),
    separator: fc.constantFrom(' ', '\n', '\t', '\u00a0', '\u2003', '\x1c'),
  })
  .map(({ golden, goldenResponse, goldenBroken, goldenOdd, mutations, frame, thinkWords, separator }) => {
    const goldenLines = golden.map(callText);
    const response = goldenResponse || golden.length === 0 ? '\n<response> Done. </response>' : '';
    const callBlock = (lines: string[]): string => (lines.length > 0 || golden.length > 0 ? `\n<tool_call>\n${lines.join('\n')}\n</tool_call>` : '');
    // About one ground truth in twenty cannot be read (bad JSON, a huge int), which makes the reference raise.
    const truthLines =
      goldenBroken === 0 && goldenLines.length > 0 ? [goldenLines[0]!.slice(1), ...goldenLines.slice(1)]
      : goldenBroken === 1 && goldenLines.length > 0 ? [...goldenLines, callText({ name: '"f"', params: [['a', HUGE_INT]] })]
      : goldenOdd ? mutate(golden, goldenLines, ...goldenOdd)
      : goldenLines;
    const ground_truth = `<think> I should use the appropriate tool. </think>${callBlock(truthLines)}${response}`;
    let lines = goldenLines;
    for (const [mutation, pick] of mutations) lines = mutate(golden, lines, mutation, pick);
    const think = Array.from({ length: thinkWords }, (_, i) => WORDS[i % WORDS.length]).join(separator);
    let body = `<think> ${think} </think>${callBlock(lines)}${frame === 'response_dropped' ? '' : response}`;
    if (frame === 'response_added') body += '\n<response> Also this. </response>';
    if (frame === 'no_think') body = body.replace(/^<think>[\s\S]*?<\/think>\n?/, '');
    if (frame === 'think_unclosed') body = body.replace('</think>', '');
    if (frame === 'no_tool_call_close') body = body.replace('</tool_call>', '');
    if (frame === 'two_tool_call_blocks') body += `\n<tool_call>\n${lines.join('\n')}\n</tool_call>`;
    if (frame === 'text_after') body += ' trailing words';
    if (frame === 'nothing') body = '';
    const solution =
      frame === 'qwen_markers' ? `<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n${body}<|im_end|>\n<|endoftext|>`
      : frame === 'llama_markers' ? `<|start_header_id|>assistant<|end_header_id|>\n\n${body}<|eot_id|>`
      : frame === 'trailing_newline' ? `${body}\n`
      : frame === 'two_trailing_newlines' ? `${body}\n\n`
      : frame === 'leading_space' ? `  ${body}`
      : body;
    return { solution, ground_truth };
  });

/** Each environment the reference can run under, with how many cases it gets. */
const ENVIRONMENTS: Array<{ env: Record<string, string>; step: number; runs: number }> = [
  { env: { EXPERIMENT_NAME: 'qwen' }, step: 0, runs: 2400 },
  { env: { EXPERIMENT_NAME: 'qwen', WITHLENGTH: '1' }, step: 0, runs: 300 },
  { env: { EXPERIMENT_NAME: 'qwen', COARSEREWARD: '1' }, step: 0, runs: 200 },
  { env: { EXPERIMENT_NAME: 'qwen', REFINEDREWARD: '1' }, step: 0, runs: 200 },
  { env: { EXPERIMENT_NAME: 'qwen', INTERMEDIATEREWARD: '1' }, step: 0, runs: 200 },
  { env: { EXPERIMENT_NAME: 'qwen', CORRECTMAX1: '1' }, step: 0, runs: 200 },
  { env: { EXPERIMENT_NAME: 'qwen', SCHEDULEREWARD: '1' }, step: 0, runs: 100 },
  { env: { EXPERIMENT_NAME: 'qwen', SCHEDULEREWARD: '1' }, step: 37, runs: 100 },
  { env: { EXPERIMENT_NAME: 'qwen', SCHEDULEREWARD: '1' }, step: 200, runs: 100 },
  { env: { EXPERIMENT_NAME: 'qwen', MAX1STEP30MAX3: '1' }, step: 10, runs: 100 },
  { env: { EXPERIMENT_NAME: 'qwen', MAX1STEP30MAX3: '1' }, step: 40, runs: 100 },
  { env: { EXPERIMENT_NAME: 'qwen', SCHEDULELENGTH: '1', WITHLENGTH: '1' }, step: 37, runs: 200 },
  { env: { EXPERIMENT_NAME: 'llama_3b' }, step: 0, runs: 200 },
];

function reference(cases: Case[]): Array<number[] | { error: string }> {
  const run = spawnSync('python3', ['test/support/toolrlReference.py', SHARED_TOOLRL_DIR], { input: cases.map((c) => JSON.stringify(c)).join('\n'), encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(run.error, undefined, `python3 could not be run: ${String(run.error)}`);
  assert.equal(run.status, 0, `the Python reference failed: ${run.stderr}`);
  return run.stdout.trim().split('\n').map((line) => JSON.parse(line) as number[] | { error: string });
}

function ours(c: Case): ToolRlReward | { error: string } {
  const options: ToolRlRewardOptions = { ...toolRlOptionsFromEnv(c.env), step: c.step };
  try {
    return toolrlReward(c.solution, c.ground_truth, options);
  } catch (err) {
    if (err instanceof ToolRlGroundTruthError) return { error: err.pythonType };
    throw err;
  }
}

test('ToolRL reward: equals reward_rlla.py\'s compute_score, all four numbers, on thousands of generated completions under every switch', { skip: sharedToolRlMissing(), timeout: 300_000 }, () => {
  const cases: Case[] = ENVIRONMENTS.flatMap(({ env, step, runs }, i) => {
    // Another stream per environment, still fixed by the one seed.
    const settings = fuzz<Pair>(runs);
    return fc.sample(caseArb, { ...settings, seed: (settings.seed ?? 0) + i }).map((c) => ({ ...c, env, step }));
  });
  const expected = reference(cases);
  assert.equal(expected.length, cases.length);
  const seen = { score4: 0, partial: 0, minimum: 0, formatOk: 0, formatBad: 0, JSONDecodeError: 0, ValueError: 0, length: 0, lengthTie: 0 };
  const perEnv = new Map<string, number>();
  cases.forEach((c, i) => {
    const want = expected[i]!;
    const got = ours(c);
    const shown = `case ${i} ${JSON.stringify(c)}\nreference: ${JSON.stringify(want)}\nours: ${JSON.stringify(got)}`;
    const env = `${JSON.stringify(c.env)} step ${c.step}`;
    perEnv.set(env, (perEnv.get(env) ?? 0) + 1);
    if (!Array.isArray(want)) {
      // The reference raises only on a ground truth it cannot read, outside its try: so must we, naming the same exception.
      assert.deepEqual(got, want, shown);
      if (want.error === 'JSONDecodeError' || want.error === 'ValueError') seen[want.error]++;
      return;
    }
    assert.ok(!('error' in got), shown);
    const numbers = [got.score, got.format, got.correctness, got.length];
    assert.ok(numbers.every((n, j) => Object.is(n, want[j])), shown);
    if (env === '{"EXPERIMENT_NAME":"qwen"} step 0') {
      if (got.score === 4) seen.score4++;
      else if (got.correctness === -3) seen.minimum++;
      else if (got.correctness !== 0 && got.correctness !== 3) seen.partial++;
      if (got.format === 1) seen.formatOk++;
      else seen.formatBad++;
    }
    if (got.length > 0 && got.length < 1) seen.length++;
    if (got.length === 0.12 || got.length === 0.62) seen.lengthTie++;
  });
  // The generator must keep reaching every outcome, or the comparison proves less than it says.
  for (const [outcome, n] of Object.entries(seen)) assert.ok(n >= (outcome === 'lengthTie' ? 10 : 30), `only ${n} cases with outcome ${outcome}: ${JSON.stringify(seen)}`);
  for (const [env, n] of perEnv) console.log(`${n} pairs equal to reward_rlla.py under ${env}`);
  console.log(`outcomes: ${JSON.stringify(seen)}`);
});
