import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AugmentManifest } from '../core/augment/index.js';
import { runAugment, type AugmentCommandOptions } from './augmentCommand.js';
import { UsageError } from './errors.js';

const BFCL_FIXTURE = 'test/fixtures/bfcl-data/BFCL_v4_simple_python.json';
const TOOLRL_FIXTURE = 'test/fixtures/toolrl-sft/broken_sft.json';

const DEFAULTS: Omit<AugmentCommandOptions, 'out'> = { mix: 'uniform', perSample: '1', cleanShare: '0.2', testShare: '0.1', format: 'verl-parquet', dataSource: 'rlla', seed: '42' };

async function run(inputs: string[], options: Partial<AugmentCommandOptions> = {}) {
  const out = await mkdtemp(join(tmpdir(), 'rl-augment-'));
  const [stdout, stderr]: [string[], string[]] = [[], []];
  try {
    const manifest = await runAugment(inputs, { ...DEFAULTS, out, ...options }, { stdout: (t) => stdout.push(t), stderr: (t) => stderr.push(t), progress: false });
    return { manifest, stdout, stderr, files: (await readdir(out)).sort() };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

test('augment command: BFCL and ToolRL inputs in, both formats and a manifest out; a broken sample is reported and the rest is used', async () => {
  const { manifest, stdout, stderr, files } = await run([BFCL_FIXTURE, TOOLRL_FIXTURE], { format: 'toolrl-sft,verl-parquet', json: true, perSample: '2' });
  assert.deepEqual(files, ['manifest.json', 'test.json', 'test.parquet', 'train.json', 'train.parquet']);
  assert.deepEqual(JSON.parse(stdout.join('\n')), JSON.parse(JSON.stringify(manifest)) as AugmentManifest);
  assert.equal(manifest.samples, 6);
  assert.equal(manifest.counts.perturbed.requested, 12);
  assert.deepEqual(stderr.map((line) => line.replace(/:.*?: error: /, ': error: ').split(':').slice(0, 2).join(':')), [`${TOOLRL_FIXTURE}: error`, `${TOOLRL_FIXTURE}: error`, `${TOOLRL_FIXTURE}: error`]);
  assert.equal(manifest.problems.length, 3);
  assert.deepEqual(Object.keys(manifest.not_run), ['query_paraphrase', 'paraphrase_tool_description', 'paraphrase_parameter_description']);
});

test('augment command: the table names the mix, the counts per type and what was left out', async () => {
  const { stdout } = await run([BFCL_FIXTURE], { mix: 'reward' });
  const text = stdout.join('\n');
  assert.match(text, /4 clean samples, seed 42, mix reward/);
  assert.match(text, /^CD +reward +16\.7% +1 +1 /m);
  assert.doesNotMatch(text, /Not in the mix/);
  assert.match((await run([BFCL_FIXTURE])).stdout.join('\n'), /Not in the mix: query_paraphrase, paraphrase_tool_description, paraphrase_parameter_description: they need a rewriter model/);
});

test('augment command: with no test split no empty test file is written, and the summary says so', async () => {
  const { files, stdout, manifest } = await run([BFCL_FIXTURE], { testShare: '0', format: 'verl-parquet,toolrl-sft' });
  assert.deepEqual(files, ['manifest.json', 'train.json', 'train.parquet']);
  assert.deepEqual(manifest.files, ['train.parquet', 'train.json']);
  assert.match(stdout.join('\n'), /No test split \(--test-share 0 or too few samples\): no test file was written; leave data.val_files out\./);
});

test('augment command: bad flags are usage errors that say what is allowed', async () => {
  const cases: Array<[Partial<AugmentCommandOptions>, RegExp]> = [
    [{ mix: 'everything' }, /--mix: "everything": use name=weight/],
    [{ mix: 'transition=1' }, /--mix: "transition" is not a component/],
    [{ mix: 'query_paraphrase=1' }, /--mix: the mix gives no type that can be made here/],
    [{ perSample: '0' }, /--per-sample must be an integer from 1 to 16/],
    [{ cleanShare: '1' }, /--clean-share must be a number from 0 up to \(not including\) 1/],
    [{ testShare: 'x' }, /--test-share must be a number/],
    [{ format: 'csv' }, /--format: use verl-parquet, toolrl-sft or both/],
    [{ seed: '-1' }, /--seed must be a non-negative integer/],
    [{ mix: 'CD=1', perSample: '2' }, /--mix: --per-sample 2 asks for more variants per sample than the 1 types the mix can make here/],
  ];
  for (const [options, message] of cases) await assert.rejects(run([BFCL_FIXTURE], options), (err: unknown) => err instanceof UsageError && message.test(err.message), JSON.stringify(options));
  await assert.rejects(run(['no/such/file.json']), /no such input file/);
});
