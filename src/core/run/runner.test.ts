// The runner over real backends: the embedded tiny model on perturbed BFCL cases (every
// rule-based type and all six transition faults), and a loopback server that fails on cue.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeRow } from '../../../test/support/evalRows.js';
import { closedPortUrl, startFaultServer, type Behaviour, type FaultServer } from '../../../test/support/faultServer.js';
import { findLlamaServer, LLAMA_SERVER_MISSING, startLlamaServer, type RunningLlamaServer } from '../../../test/support/llamaServer.js';
import { loadSharedRows, sharedBfclMissing } from '../../../test/support/sharedBfcl.js';
import { TEST_THREADS, TINY_MODEL_NAME, writeTinyModel, type TinyModelFile } from '../../../test/support/tinyModel/index.js';
import type { Problem } from '../formats/index.js';
import { EmbeddedBackend } from '../model/embedded.js';
import { OpenAICompatibleBackend } from '../model/openaiCompatible.js';
import { FAULT_TYPES, isFaultType, STATIC_TYPES, ToolPool, transitionRow } from '../perturb/index.js';
import { perturbByRule } from '../perturb/engine.js';
import { readCleanRows } from '../perturb/cleanRows.js';
import { type EvalRow, predictionRecord, type PredictionRecord, splitOf } from '../schema/index.js';
import { caseKey } from './resume.js';
import { protocolFrom } from './runProtocol.js';
import { runCases, type RunOptions } from './runner.js';

const OWN_FIXTURE = resolve('test/fixtures/bfcl-data/BFCL_v4_simple_python.json');

/** A clean BFCL row (from the shared `multiple` file when it is there) and the pool of all the file's tools. */
async function cleanRows(): Promise<{ rows: EvalRow[]; pool: ToolPool }> {
  const all: EvalRow[] = [];
  if (sharedBfclMissing()) {
    for await (const row of readCleanRows(OWN_FIXTURE, () => undefined, () => undefined)) all.push(row);
  } else {
    all.push(...(await loadSharedRows('multiple')));
  }
  const pool = new ToolPool();
  for (const row of all) pool.addRow(row);
  return { rows: all.slice(0, 1), pool };
}

/** Clean, every rule-based type that applies, and every transition fault, for each row. */
async function perturbedCases(): Promise<EvalRow[]> {
  const { rows, pool } = await cleanRows();
  const cases: EvalRow[] = [];
  for (const row of rows) {
    cases.push(row);
    for (const type of STATIC_TYPES) {
      const result = perturbByRule(type, row, { seed: 7, pool });
      if (result.ok) cases.push(result.row);
    }
    for (const type of FAULT_TYPES) cases.push(transitionRow(row, type));
  }
  return cases;
}

async function readRecords(file: string): Promise<PredictionRecord[]> {
  const text = await readFile(file, 'utf8');
  return text.split('\n').filter(Boolean).map((line) => predictionRecord.parse(JSON.parse(line)));
}

function assertOnePerCase(records: readonly PredictionRecord[], cases: readonly EvalRow[]): void {
  const keys = records.map((r) => caseKey(r.id, splitOf(r)));
  assert.equal(new Set(keys).size, keys.length, 'no case is written twice');
  assert.deepEqual(new Set(keys), new Set(cases.map((c) => caseKey(c.id, splitOf(c)))), 'every case is written');
}

/** One record per case, none failed, every call made, and both passes kept for transition cases. */
function assertPerturbedRun(records: readonly PredictionRecord[], cases: readonly EvalRow[], model: string): void {
  assertOnePerCase(records, cases);
  for (const record of records) {
    const split = splitOf(record);
    assert.equal(record.prediction.error, null, `${record.id} ${split}`);
    assert.equal(record.model, model);
    assert.ok(record.prediction.tool_calls.length >= 1, `${record.id} ${split}: ${record.prediction.raw_output}`);
    if (!isFaultType(split)) {
      assert.equal(record.prediction.transition_injected, undefined);
      continue;
    }
    assert.equal(record.prediction.transition_injected, true, `${record.id} ${split} got its fault`);
    assert.ok((record.prediction.pass1?.tool_calls.length ?? 0) >= 1, 'pass 1 and its call are kept');
    assert.equal(record.perturbation?.metadata?.pass1_had_tool_calls, true);
    assert.equal(record.perturbation?.metadata?.fault, split);
  }
}

function noProblems(): (p: Problem) => void {
  return (p) => assert.fail(`unexpected problem: ${JSON.stringify(p)}`);
}

describe('runner with the embedded tiny model on perturbed BFCL cases', () => {
  let model: TinyModelFile;
  let backend: EmbeddedBackend;
  let dir: string;

  before(async () => {
    model = await writeTinyModel();
    backend = new EmbeddedBackend({ modelPath: model.path, threads: TEST_THREADS });
    dir = await mkdtemp(join(tmpdir(), 'rl-runner-'));
  });
  after(async () => {
    await backend.close();
    await model.remove();
    await rm(dir, { recursive: true, force: true });
  });

  test('one valid prediction per case; transition cases carry both passes; a rerun resumes with nothing to do', async (t) => {
    const cases = await perturbedCases();
    const splits = new Set(cases.map(splitOf));
    for (const type of [...FAULT_TYPES, 'clean', 'realistic_typos', 'same_name_A', 'CD_AB']) assert.ok(splits.has(type), `the cases include ${type}`);
    t.diagnostic(`${cases.length} cases over ${splits.size} splits${sharedBfclMissing() ? ` (${sharedBfclMissing()}; own fixture used)` : ''}`);
    const out = join(dir, 'predictions.jsonl');
    // `required`, so every first pass makes a call and every transition case gets its fault.
    const options: RunOptions = {
      endpoints: [backend],
      model: TINY_MODEL_NAME,
      protocol: protocolFrom('native', { tool_choice: 'required', max_tokens: 256 }),
      out,
      runId: 'tiny',
      onProblem: noProblems(),
    };
    const summary = await runCases(cases, options);
    assert.equal(summary.done, cases.length);
    assert.equal(summary.failed, 0);

    assertPerturbedRun(await readRecords(out), cases, TINY_MODEL_NAME);

    const again = await runCases(cases, options);
    assert.deepEqual([again.done, again.skipped], [0, cases.length]);
    assert.equal((await readRecords(out)).length, cases.length);
  });

  test('cancelling keeps what was written; the rerun does only the rest', async () => {
    const cases = (await perturbedCases()).filter((c) => !isFaultType(splitOf(c))).slice(0, 6);
    const out = join(dir, 'cancelled.jsonl');
    const controller = new AbortController();
    const options: RunOptions = { endpoints: [backend], model: TINY_MODEL_NAME, protocol: protocolFrom('native', { max_tokens: 64 }), out, runId: 'tiny', onProblem: noProblems() };
    const first = await runCases(cases, { ...options, signal: controller.signal, onProgress: (p) => (p.done === 3 ? controller.abort() : undefined) });
    assert.equal(first.cancelled, true);
    assert.equal((await readRecords(out)).length, first.done);
    const second = await runCases(cases, options);
    assert.equal(second.skipped, first.done);
    assertOnePerCase(await readRecords(out), cases);
  });
});

describe('runner against llama-server through the OpenAI dialect', () => {
  let model: TinyModelFile | undefined;
  let server: RunningLlamaServer | undefined;
  let dir: string;

  before(async () => {
    const binary = await findLlamaServer();
    if (!binary) return;
    model = await writeTinyModel();
    server = await startLlamaServer(binary, model.path);
    dir = await mkdtemp(join(tmpdir(), 'rl-runner-llama-'));
  });
  after(async () => {
    await server?.close();
    await model?.remove();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('the same perturbed cases: one valid prediction each, transition cases with both passes', async (t) => {
    if (!server) return t.skip(LLAMA_SERVER_MISSING);
    const backend = new OpenAICompatibleBackend({ baseUrl: server.url, policy: { timeoutMs: 20_000 } });
    const [modelId] = await backend.listModels();
    const cases = await perturbedCases();
    const out = join(dir, 'llama-server.jsonl');
    // One slot (-np 1), so one request at a time.
    const protocol = protocolFrom('native', { tool_choice: 'required', max_tokens: 256 });
    const summary = await runCases(cases, { endpoints: [backend], model: modelId!, protocol, out, runId: 'llama-server', onProblem: noProblems() });
    assert.equal(summary.failed, 0, server.log().slice(-2000));
    assertPerturbedRun(await readRecords(out), cases, modelId!);
  });
});

describe('runner against a server that fails on cue', () => {
  const TIMEOUT_MS = 300;
  const policy = { timeoutMs: TIMEOUT_MS, retries: 1, baseDelayMs: 10, maxDelayMs: 20, maxResponseBytes: 64 * 1024 };
  let server: FaultServer;
  let dir: string;

  before(async () => {
    server = await startFaultServer();
    dir = await mkdtemp(join(tmpdir(), 'rl-runner-faults-'));
  });
  after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  // Retryable faults come twice, so the one retry meets them again and the case fails.
  const faults: { name: string; script: Behaviour[]; error: RegExp }[] = [
    { name: 'no response', script: [{ kind: 'hang' }], error: /no complete answer within 300 ms/ },
    { name: '429 with Retry-After', script: [{ kind: 'status', status: 429, retryAfter: '1' }, { kind: 'status', status: 429, retryAfter: '1' }], error: /HTTP 429 .*after 2 attempts/ },
    { name: '500', script: [{ kind: 'status', status: 500 }, { kind: 'status', status: 500 }], error: /HTTP 500/ },
    { name: '503', script: [{ kind: 'status', status: 503 }, { kind: 'status', status: 503 }], error: /HTTP 503/ },
    { name: 'malformed JSON', script: [{ kind: 'malformed' }], error: /not JSON/ },
    { name: 'stream cut', script: [{ kind: 'cutStream' }, { kind: 'cutStream' }], error: /connection dropped|ended before/ },
    { name: 'oversized body', script: [{ kind: 'oversized', bytes: 1024 * 1024 }], error: /more than the 65536-byte cap/ },
  ];

  test('every fault is a clear error in its own record, the run goes on, and no request outlives its timeout', async () => {
    const cases = [...faults.map((f, i) => makeRow({ id: `fault_${i}` })), makeRow({ id: 'after_the_faults' })];
    server.script(...faults.flatMap((f) => f.script), { kind: 'answer', calls: [{ name: 'get_weather', arguments: { x: 'value' } }] });
    const out = join(dir, 'faults.jsonl');
    const backend = new OpenAICompatibleBackend({ baseUrl: server.url, stream: true, policy });
    const summary = await runCases(cases, { endpoints: [backend], model: 'tiny', protocol: protocolFrom('native'), out, runId: 'faults', onProblem: noProblems() });
    assert.deepEqual([summary.done, summary.failed], [cases.length, faults.length]);

    const records = await readRecords(out);
    for (const [i, fault] of faults.entries()) {
      const record = records.find((r) => r.id === `fault_${i}`)!;
      assert.match(record.prediction.error ?? '', fault.error, fault.name);
      assert.match(record.prediction.error ?? '', /POST http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions/, 'the error names the request');
      // Loose: two attempts, the asked-for wait and scheduling slack; only a stall would pass it.
      assert.ok(record.timing!.latency_ms! < 2 * TIMEOUT_MS + 1000 + 2000, `${fault.name} took ${record.timing!.latency_ms} ms`);
    }
    const last = records.find((r) => r.id === 'after_the_faults')!;
    assert.equal(last.prediction.error, null);
    assert.deepEqual(last.prediction.tool_calls, [{ name: 'get_weather', parameters: { x: 'value' } }]);

    const retried = server.requests.filter((r) => r.path === '/v1/chat/completions').slice(1, 3);
    assert.ok(retried[1]!.at - retried[0]!.at >= 950, 'the retry waited as Retry-After asked');
  });

  test('a refused connection is a clear error per case, not a crash', async () => {
    const backend = new OpenAICompatibleBackend({ baseUrl: await closedPortUrl(), policy });
    const out = join(dir, 'refused.jsonl');
    const cases = [makeRow({ id: 'a' }), makeRow({ id: 'b' })];
    const summary = await runCases(cases, { endpoints: [backend], model: 'tiny', protocol: protocolFrom('native'), out, runId: 'refused', onProblem: noProblems() });
    assert.deepEqual([summary.done, summary.failed], [2, 2]);
    for (const record of await readRecords(out)) assert.match(record.prediction.error ?? '', /connection refused \(is the server running\?\)/);
  });

  test('a hostile prompt-mode answer is the parse error of its case; the cases beside it finish within their timeouts', async () => {
    // 1 MB of brackets, a Python literal 5000 lists deep, a 20 KB call that once crashed the parser.
    const hostile = new Map<string, RegExp>([
      ['['.repeat(1 << 20), /^the answer is 1048576 characters long, over the \d+ read for tool calls$/],
      [`[get_weather(x=${'['.repeat(5000)}${']'.repeat(5000)})]`, /^not a Python call list \(SyntaxError: too many nested parentheses/],
      [`get_weather(x=${'+:" "'.repeat(4000)})`, /^not a Python call list \(SyntaxError: invalid syntax/],
    ]);
    const normal = "[get_weather(x='value')]";
    const cases = Array.from({ length: 6 }, (_, i) => makeRow({ id: `prompt_${i}` }));
    server.script(...[...hostile.keys(), normal, normal, normal].map((content): Behaviour => ({ kind: 'answer', content })));
    const out = join(dir, 'hostile-answers.jsonl');
    // A realistic limit: on a loaded machine a 1 MB answer can take longer than the 300 ms the fault tests use.
    const backend = new OpenAICompatibleBackend({ baseUrl: server.url, policy: { ...policy, timeoutMs: 30_000, maxResponseBytes: 4 * 1024 * 1024 } });
    const protocol = protocolFrom('native', { tool_mode: 'prompt', prompt_style: 'python_list' });
    const summary = await runCases(cases, { endpoints: [backend], model: 'tiny', protocol, out, runId: 'hostile', concurrency: 2, onProblem: noProblems() });
    assert.deepEqual([summary.done, summary.failed], [cases.length, 0]);

    const records = await readRecords(out);
    assertOnePerCase(records, cases);
    // Answers go to requests in the order they arrive, so each record is checked by the answer it got.
    for (const { id, prediction } of records) {
      assert.equal(prediction.error, null, `${id} finished within its timeout`);
      const problem = hostile.get(prediction.raw_output ?? '');
      if (problem) {
        assert.deepEqual(prediction.tool_calls, [], id);
        assert.equal(prediction.parse_errors?.length, 1, id);
        assert.match(prediction.parse_errors[0]!, problem, id);
      } else {
        assert.equal(prediction.raw_output, normal, id);
        assert.deepEqual([prediction.tool_calls, prediction.parse_errors], [[{ name: 'get_weather', parameters: { x: 'value' } }], undefined], id);
      }
    }
    assert.equal(records.filter((r) => hostile.has(r.prediction.raw_output ?? '')).length, hostile.size);
  });
});
