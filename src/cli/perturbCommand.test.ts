import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFile, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sharedBfclFile, sharedBfclMissing } from '../../test/support/sharedBfcl.js';
import { type PerturbManifest, STATIC_TYPES } from '../core/perturb/index.js';
import { UsageError } from './errors.js';
import { parseTypeSelector, runPerturb, type PerturbCommandOptions } from './perturbCommand.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, output: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), progress: false } };
}

async function run(inputs: string[], options: Partial<PerturbCommandOptions> & { out: string }) {
  const io = capture();
  const manifest = await runPerturb(inputs, { types: 'all', seed: '42', ...options }, io.output);
  return { manifest, ...io };
}

async function filesOf(dir: string): Promise<Map<string, string>> {
  const names = (await readdir(dir)).sort();
  return new Map(await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n), 'utf8')] as const)));
}

const tempDir = () => mkdtemp(join(tmpdir(), 'rl-perturb-'));
const RULE_FILES = ['realistic_typos', 'same_name_A', 'same_name_B', 'same_name_C', 'same_name_D', 'same_name_E', 'redundant', 'CD', 'TD', 'CD_NT', 'TD_NT', 'CD_AB', 'TD_AB'];

test('type selectors: all, components, ids; transition faults and unknown ids are usage errors', () => {
  assert.deepEqual(parseTypeSelector('all'), STATIC_TYPES);
  assert.deepEqual(parseTypeSelector('reward'), ['CD', 'TD', 'CD_NT', 'TD_NT', 'CD_AB', 'TD_AB']);
  assert.deepEqual(parseTypeSelector('TD_AB, observation'), ['realistic_typos', 'query_paraphrase', 'paraphrase_tool_description', 'paraphrase_parameter_description', 'TD_AB']);
  assert.throws(() => parseTypeSelector('timeout'), UsageError);
  assert.throws(() => parseTypeSelector('transition'), /injected at run time/);
  assert.throws(() => parseTypeSelector('typos'), /unknown perturbation type "typos"/);
  assert.throws(() => parseTypeSelector(','), /selects no type/);
});

test('bad input is a usage error before anything is written', async () => {
  const out = await tempDir();
  const fixture = resolve('test/fixtures/bfcl-data/BFCL_v4_simple_python.json');
  await assert.rejects(run(['/nonexistent.json'], { out }), /no such input file: \/nonexistent\.json/);
  await assert.rejects(run([fixture], { out, seed: '-1' }), /--seed must be a non-negative integer/);
  await assert.rejects(run([fixture], { out, rewriterEndpoint: 'http://127.0.0.1:1/v1' }), /go together/);
  const resultFile = resolve('test/fixtures/bfcl-run/result/demo-model/non_live/BFCL_v4_simple_python_result.json');
  await assert.rejects(run([resultFile], { out }), /is a BFCL result file; perturb reads question files/);
  assert.deepEqual(await readdir(out), []);
});

test('perturb on BFCL multiple + live_multiple writes clean and every rule-based type; reruns are byte-identical; another seed moves the typos', { timeout: 120_000 }, async (t) => {
  const missing = sharedBfclMissing();
  if (missing) return t.skip(missing);
  const inputs = [sharedBfclFile('multiple'), sharedBfclFile('live_multiple')];
  const [a, b, c] = [await tempDir(), await tempDir(), await tempDir()];
  const first = await run(inputs, { out: a });
  await run(inputs, { out: b });
  await run(inputs, { out: c, seed: '7' });

  const filesA = await filesOf(a);
  assert.deepEqual([...filesA.keys()], ['clean.jsonl', 'manifest.json', ...RULE_FILES.map((f) => `${f}.jsonl`)].sort());
  assert.deepEqual(await filesOf(b), filesA, 'byte-identical rerun');
  const filesC = await filesOf(c);
  assert.notEqual(filesC.get('realistic_typos.jsonl'), filesA.get('realistic_typos.jsonl'));
  assert.equal(filesC.get('CD.jsonl'), filesA.get('CD.jsonl'), 'seed-free types do not move');

  const manifest = JSON.parse(filesA.get('manifest.json')!) as PerturbManifest;
  assert.equal(manifest.counts.clean, 1253);
  assert.equal(filesA.get('clean.jsonl')!.trim().split('\n').length, 1253);
  for (const type of manifest.types) {
    const count = manifest.counts[type]!;
    assert.equal(count.written + count.skipped, 1253, type);
    assert.equal(count.skipped, manifest.skipped[type]!.length, type);
    assert.equal(filesA.get(`${type}.jsonl`)!.trim().split('\n').length, count.written, type);
  }
  assert.deepEqual(Object.keys(manifest.not_run), ['query_paraphrase', 'paraphrase_tool_description', 'paraphrase_parameter_description']);
  assert.equal(manifest.version, (JSON.parse(await readFile('package.json', 'utf8')) as { version: string }).version);
  assert.doesNotMatch(filesA.get('manifest.json')!, /\d{4}-\d{2}-\d{2}T/, 'no timestamps');
  assert.equal(first.out.join('\n').match(/--rewriter-endpoint/g)?.length, 1, 'one message says how to enable the LLM types');
  assert.match(first.out.join('\n'), /realistic_typos\s+observation\s+\d+\s+\d+/);

  // The clean.jsonl just written is an input too, and gives the same perturbed rows.
  const d = await tempDir();
  await run([join(a, 'clean.jsonl')], { out: d, types: 'action,reward,realistic_typos' });
  for (const type of RULE_FILES) assert.equal((await readFile(join(d, `${type}.jsonl`), 'utf8')), filesA.get(`${type}.jsonl`), type);
});

test('--json prints the manifest; a question file without its answer file is a problem, not a crash', async () => {
  const out = await tempDir();
  const lonely = join(await tempDir(), 'BFCL_v4_simple_python.json');
  await copyFile(resolve('test/fixtures/bfcl-data/BFCL_v4_simple_python.json'), lonely);
  const { out: stdout, err, manifest } = await run([lonely], { out, json: true });
  assert.deepEqual(JSON.parse(stdout.join('\n')), manifest);
  assert.equal(manifest.counts.clean, 0);
  assert.match(err.join('\n'), /no answer file .*possible_answer\/BFCL_v4_simple_python\.json; its questions are skipped/);
});

test('with --rewriter-endpoint the LLM types are written through the model, cached, and regenerated byte for byte from the cache', async () => {
  let requests = 0;
  // A stand-in model: swaps the first two words, which keeps every number and name.
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests++;
      const text = (JSON.parse(body) as { messages: Array<{ content: string }> }).messages[1]!.content;
      const [one = '', two = '', ...rest] = text.split(' ');
      res.end(JSON.stringify({ choices: [{ message: { content: [two, one, ...rest].join(' ') } }] }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  const fixture = resolve('test/fixtures/bfcl-data/BFCL_v4_simple_python.json');
  const [a, b] = [await tempDir(), await tempDir()];
  try {
    const first = await run([fixture], { out: a, types: 'observation', rewriterEndpoint: endpoint, rewriterModel: 'swap-model' });
    assert.deepEqual(first.manifest.types, ['realistic_typos', 'query_paraphrase', 'paraphrase_tool_description', 'paraphrase_parameter_description']);
    assert.deepEqual(first.manifest.rewriter, { model: 'swap-model' });
    assert.ok(first.manifest.counts.query_paraphrase!.written > 0);
    assert.ok(requests > 0);
  } finally {
    server.closeAllConnections();
    server.close();
  }
  const cache = join(a, 'rewrite-cache.jsonl');
  const calls = requests;
  await run([fixture], { out: b, types: 'observation', rewriterEndpoint: endpoint, rewriterModel: 'swap-model', rewriterCache: cache });
  assert.equal(requests, calls, 'the rerun never reached the (closed) server');
  const [filesA, filesB] = [await filesOf(a), await filesOf(b)];
  filesA.delete('rewrite-cache.jsonl');
  assert.deepEqual(filesB, filesA);
});
