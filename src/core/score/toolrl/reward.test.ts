import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TOOLRL_DEFAULTS, toolRlOptionsFromEnv } from './options.js';
import { toolrlReward, ToolRlGroundTruthError } from './reward.js';
import { pyRound } from './pythonRound.js';

const THINK = '<think> I should use the appropriate tool with proper parameters to respond to the user\'s need. </think>';
const truth = (...calls: string[]): string => `${THINK}\n<tool_call>\n${calls.join('\n')}\n</tool_call>`;
const WEATHER = '{"name": "get_weather", "parameters": {"city": "Paris", "days": 3}}';

test('ToolRL reward: the ground truth against itself is format 1 + correctness 3', () => {
  assert.deepEqual(toolrlReward(truth(WEATHER), truth(WEATHER)), { score: 4, format: 1, correctness: 3, length: 0 });
});

test('ToolRL reward: values compare as Python does (3 == 3.0 == True is not "3")', () => {
  const with3 = (v: string) => truth(`{"name": "get_weather", "parameters": {"city": "Paris", "days": ${v}}}`);
  assert.equal(toolrlReward(with3('3.0'), truth(WEATHER)).correctness, 3);
  // Name matched (1) + keys matched (1) + one of two values (1) of 1 + 1 + 2: 3/4 of the way from −3 to 3.
  assert.equal(toolrlReward(with3('"3"'), truth(WEATHER)).correctness, 1.5);
  const flag = (v: string) => truth(`{"name": "f", "parameters": {"on": ${v}}}`);
  assert.equal(toolrlReward(flag('1'), flag('true')).correctness, 3);
  assert.equal(toolrlReward(flag('[1, 2]'), flag('[1.0, 2]')).correctness, 3);
  // Lists keep their order: name 1 + keys 1 of 1 + 1 + 1.
  assert.equal(toolrlReward(flag('[2, 1]'), flag('[1, 2]')).correctness, 1);
});

test('ToolRL reward: missing and extra parameters, another tool, two calls', () => {
  assert.equal(toolrlReward(truth('{"name": "get_weather", "parameters": {"city": "Paris"}}'), truth(WEATHER)).correctness, 0.75);
  // Keys: Jaccard 2/3; values 2 of 2.
  assert.equal(toolrlReward(truth('{"name": "get_weather", "parameters": {"city": "Paris", "days": 3, "unit": "C"}}'), truth(WEATHER)).correctness, 2.5);
  assert.equal(toolrlReward(truth('{"name": "get_news", "parameters": {"city": "Paris", "days": 3}}'), truth(WEATHER)).correctness, -3);
  const news = '{"name": "get_news", "parameters": {}}';
  // Calls in another order still match one by one; a missing call costs its share (1 + 0 of 5).
  assert.equal(toolrlReward(truth(news, WEATHER), truth(WEATHER, news)).correctness, 3);
  assert.equal(toolrlReward(truth(WEATHER), truth(WEATHER, news)).correctness, 1.2000000000000002);
});

test('ToolRL reward: the format follows what the ground truth holds; the answer is stripped first', () => {
  // Python's `$` would also pass one trailing newline, but the reference strips the answer before matching.
  assert.equal(toolrlReward(`${truth(WEATHER)}\n`, truth(WEATHER)).format, 1);
  assert.equal(toolrlReward(`${truth(WEATHER)}\n\n`, truth(WEATHER)).format, 1);
  assert.equal(toolrlReward(`${truth(WEATHER)}\n.`, truth(WEATHER)).format, 0);
  assert.equal(toolrlReward(`${truth(WEATHER)} done`, truth(WEATHER)).format, 0);
  assert.equal(toolrlReward(truth(WEATHER).replace(THINK, ''), truth(WEATHER)).format, 0);
  const words = `${THINK}\n<response> It is sunny. </response>`;
  assert.deepEqual(toolrlReward(words, words), { score: 1, format: 1, correctness: 0, length: 0 });
  assert.equal(toolrlReward(truth(WEATHER), words).format, 0);
});

test('ToolRL reward: chat markers around the answer are cut as the reference does (qwen, llama)', () => {
  const qwen = `<|im_start|>system\nx<|im_end|>\n<|im_start|>assistant\n${truth(WEATHER)}<|im_end|>`;
  assert.equal(toolrlReward(qwen, truth(WEATHER)).score, 4);
  const llama = `<|start_header_id|>assistant<|end_header_id|>\n\n${truth(WEATHER)}<|eot_id|>`;
  assert.equal(toolrlReward(llama, truth(WEATHER), { template: 'llama' }).score, 4);
  assert.equal(toolrlReward(llama, truth(WEATHER)).format, 0);
});

test('ToolRL reward: a completion that cannot be read earns the minimum; a ground truth that cannot be read is an error', () => {
  assert.equal(toolrlReward(truth('{"name": "get_weather"'), truth(WEATHER)).correctness, -3);
  assert.equal(toolrlReward(truth('{"parameters": {}}'), truth(WEATHER)).correctness, -3);
  assert.equal(toolrlReward(THINK, truth(WEATHER)).correctness, -3);
  assert.equal(toolrlReward(truth(`{"name": "f", "parameters": {"n": ${'9'.repeat(4301)}}}`), truth(WEATHER)).correctness, -3);
  assert.throws(() => toolrlReward(truth(WEATHER), truth('{"name": ')), (err) => err instanceof ToolRlGroundTruthError && err.pythonType === 'JSONDecodeError');
  assert.throws(() => toolrlReward(truth(WEATHER), truth(WEATHER, '', WEATHER)), ToolRlGroundTruthError);
  // The block is stripped before it is split, so a blank line at its end is no line.
  assert.equal(toolrlReward(truth(WEATHER), truth(WEATHER, '')).score, 4);
  // Python refuses to read an int of more than 4300 digits.
  assert.throws(() => toolrlReward(truth(WEATHER), truth(`{"name": "f", "parameters": {"n": ${'9'.repeat(4301)}}}`)), (err) => err instanceof ToolRlGroundTruthError && err.pythonType === 'ValueError');
  // A ground truth that calls nothing is never parsed.
  assert.equal(toolrlReward(THINK, THINK).score, 1);
});

test('ToolRL reward: NaN equals NaN inside a container (json.loads returns one NaN object), never as a value itself', () => {
  const param = (x: string, y: number) => truth(`{"name": "f", "parameters": {"x": ${x}, "y": ${y}}}`);
  assert.equal(toolrlReward(param('NaN', 1), param('NaN', 1)).correctness, 3);
  // Name 1 + keys 1 + values: x only when it sits in a list, of 1 + 1 + 2.
  assert.equal(toolrlReward(param('[NaN]', 2), param('[NaN]', 1)).correctness, 1.5);
  assert.equal(toolrlReward(param('NaN', 2), param('NaN', 1)).correctness, 0);
  // NaN names are one Counter key, but `!=` keeps the call from matching: only the names' 1 of 2.
  assert.equal(toolrlReward(truth('{"name": NaN, "parameters": {}}', WEATHER), truth('{"name": NaN, "parameters": {}}')).correctness, -1.5);
});

test('ToolRL reward: golden parameters that are not a dict count by len() until a call of their name needs their keys', () => {
  const [f, g] = ['{"name": "f", "parameters": "abc"}', '{"name": "g", "parameters": {}}'];
  // Names 1 of 2 (0.5) + g matched (1 + 0) of 1 + (1 + len("abc")) + (1 + 0): 1.5 / 6 of the way from −3 to 3.
  assert.equal(toolrlReward(truth(g), truth(f, g)).correctness, -1.5);
  // A call named f makes the reference read the keys of "abc": the minimum.
  assert.equal(toolrlReward(truth('{"name": "f", "parameters": {}}', g), truth(f, g)).correctness, -3);
  // The very same calls need no keys at all.
  assert.equal(toolrlReward(truth(f, g), truth(f, g)).correctness, 3);
  // Keys beyond name and parameters do not count, unless the calls are compared whole.
  assert.equal(toolrlReward(truth('{"name": "g", "parameters": {}, "id": 1}'), truth(g)).correctness, 3);
});

test('ToolRL reward: the length reward counts words of the reasoning over 512, rounded as Python rounds', () => {
  const think = (n: number) => `<think> ${Array(n).fill('word').join(' ')} </think>\n<tool_call>\n${WEATHER}\n</tool_call>`;
  assert.equal(toolrlReward(think(256), truth(WEATHER), { withLength: true }).length, 0.5);
  assert.equal(toolrlReward(think(1000), truth(WEATHER), { withLength: true }).length, 1);
  assert.equal(pyRound(2.675, 2), 2.67);
  assert.equal(pyRound(0.125, 2), 0.12);
  assert.equal(pyRound(0.375, 2), 0.38);
});

test('ToolRL reward: the environment switches map onto options', () => {
  assert.deepEqual(toolRlOptionsFromEnv({ EXPERIMENT_NAME: 'llama-3b-grpo', WITHLENGTH: '1', COARSEREWARD: '0' }), { template: 'llama', withLength: true });
  assert.deepEqual(toolRlOptionsFromEnv({ EXPERIMENT_NAME: 'qwen2.5-llama-mix' }), { template: 'llama' });
  assert.deepEqual(toolRlOptionsFromEnv({}), {});
  assert.throws(() => toolRlOptionsFromEnv({ EXPERIMENT_NAME: 'mistral' }), /must contain "qwen" or "llama"/);
  assert.equal(TOOLRL_DEFAULTS.template, 'qwen');
  assert.deepEqual(toolrlReward(truth(WEATHER), truth(WEATHER), { step: undefined, withLength: undefined }), toolrlReward(truth(WEATHER), truth(WEATHER)));
  assert.equal(toolrlReward(truth('{"name": "get_weather", "parameters": {"city": "Paris"}}'), truth(WEATHER), { coarseReward: true }).correctness, -3);
  assert.equal(toolrlReward(truth(WEATHER), truth(WEATHER), { correctMax1: true }).score, 2);
});
