import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runReward, type RewardCommandOptions } from './rewardCommand.js';
import { UsageError } from './errors.js';

// Real ground truths from ToolRL's own verl parquet, with completions around them.
const ROLLOUTS = 'test/fixtures/toolrl/rollouts.jsonl';
const RECORDS = 'test/fixtures/flips/base.jsonl';

async function run(files: string[], flags: Partial<RewardCommandOptions> = {}) {
  const [stdout, stderr]: [string[], string[]] = [[], []];
  const result = await runReward(files, { template: 'qwen', step: '0', ...flags }, { stdout: (t) => stdout.push(t), stderr: (t) => stderr.push(t) });
  return { ...result, stdout, stderr };
}

test('reward command: --json prints one result per input line, in order, an error where a line cannot be scored', async () => {
  const { stdout, problems } = await run([ROLLOUTS], { json: true });
  const lines = stdout.map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(lines.slice(0, 5), [
    { score: 4, format: 1, correctness: 3, length: 0 },
    { score: 4, format: 1, correctness: 3, length: 0 },
    { score: -2, format: 1, correctness: -3, length: 0 },
    { score: -3, format: 0, correctness: -3, length: 0 },
    { score: 1, format: 1, correctness: 0, length: 0 },
  ]);
  assert.equal(lines.length, 7);
  assert.match(String(lines[5]!['error']), /^test\/fixtures\/toolrl\/rollouts\.jsonl:6: neither a rollout \{"solution_str", "ground_truth"\} nor a prediction record/);
  assert.match(String(lines[6]!['error']), /^test\/fixtures\/toolrl\/rollouts\.jsonl:7: not valid JSON/);
  assert.deepEqual(problems.map((p) => p.line), [6, 7]);
});

test('reward command: prediction records are scored per split against their golden calls; the switches are flags', async () => {
  const { stdout, lines } = await run([RECORDS, ROLLOUTS], { withLength: true });
  const text = stdout.join('\n');
  assert.match(text, /^11 completions scored with the ToolRL reward, 2 lines could not be \(see above\)/);
  // Native answers have no <tool_call> block: the minimum, every one.
  assert.match(text, /^clean +3 +-3\.000 +0\.000 +-3\.000 +0\.000 +0 +3$/m);
  assert.match(text, /^CD +3 /m);
  assert.match(text, /^rollouts +5 /m);
  const first = lines.find((l) => l.file === ROLLOUTS && 'reward' in l);
  assert.ok(first && 'reward' in first && first.reward.length > 0, 'the length reward is on');
});

test('reward command: "exact" and "minimum" follow the bounds of the switches given', async () => {
  // Under SCHEDULEREWARD at step 0 correctness runs from −2 to 2, not −3 to 3.
  const { stdout } = await run([ROLLOUTS], { scheduleReward: true });
  assert.match(stdout.join('\n'), /^rollouts +5 .* 2 +2$/m);
});

test('reward command: a missing file and a bad step are usage errors', async () => {
  await assert.rejects(run(['no/such.jsonl']), (err: unknown) => err instanceof UsageError && /no such file/.test(err.message));
  await assert.rejects(run([ROLLOUTS], { step: '-1' }), UsageError);
});
