// `robustlens run` as a user runs it: the real CLI in a child process against a slow loopback
// server, killed with SIGKILL and interrupted with SIGINT mid-run, then resumed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeRow } from '../../test/support/evalRows.js';
import { closedPortUrl, startFaultServer, type FaultServer } from '../../test/support/faultServer.js';
import { toJsonLine } from '../core/formats/index.js';
import { FAULT_TYPES } from '../core/perturb/index.js';
import { predictionRecord, splitOf } from '../core/schema/index.js';
import { UsageError } from './errors.js';
import { parseTransitions, runRun, type RunCommandOptions, type RunOutput } from './runCommand.js';

const CLI = resolve('src/cli.ts');
const ROWS = 6;
const CASES = ROWS * (1 + FAULT_TYPES.length);

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function startCli(args: string[]): { child: ChildProcess; exited: Promise<Exit> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<Exit>((done) => child.once('exit', (code, signal) => done({ code, signal, stdout, stderr })));
  return { child, exited };
}

async function lineCount(file: string): Promise<number> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).length;
}

/** Waits until the file holds at least `lines` lines; fails if the process ends first. */
async function waitForLines(file: string, lines: number, exited: Promise<Exit>): Promise<void> {
  let ended = false;
  void exited.then(() => (ended = true));
  while ((await lineCount(file)) < lines) {
    if (ended) assert.fail(`the run ended before ${lines} records: ${JSON.stringify(await exited)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('robustlens run, killed and resumed', () => {
  let server: FaultServer;
  let dir: string;
  let cases: string;

  before(async () => {
    // Slow enough that a run of 42 cases is still going when it is killed.
    server = await startFaultServer({ models: ['tiny'], answerDelayMs: 150 });
    dir = await mkdtemp(join(tmpdir(), 'rl-run-cli-'));
    cases = join(dir, 'perturbed');
    await mkdir(cases);
    const rows = Array.from({ length: ROWS }, (_, i) => toJsonLine(makeRow({ id: `row_${i}` })));
    await writeFile(join(cases, 'clean.jsonl'), rows.join(''));
  });
  after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('SIGKILL, then SIGINT, then a full run: exactly one record per (id, split)', async () => {
    const out = join(dir, 'predictions.jsonl');
    const args = ['run', cases, '--endpoint', server.url, '--model', 'tiny', '--out', out, '--concurrency', '2', '--timeout-ms', '5000'];

    const killed = startCli(args);
    await waitForLines(out, 4, killed.exited);
    killed.child.kill('SIGKILL');
    assert.equal((await killed.exited).signal, 'SIGKILL');
    const afterKill = await lineCount(out);
    assert.ok(afterKill < CASES, 'the kill came mid-run');

    const interrupted = startCli(args);
    await waitForLines(out, afterKill + 3, interrupted.exited);
    interrupted.child.kill('SIGINT');
    const stopped = await interrupted.exited;
    assert.equal(stopped.code, 130, stopped.stderr);
    assert.match(stopped.stdout, /Cancelled: \d+ case\(s\) not run\. Run the same command again/);

    const finished = await startCli(args).exited;
    assert.equal(finished.code, 0, finished.stderr);
    assert.match(finished.stdout, /case\(s\) run, 0 failed, \d+ already there/);
    assert.match(finished.stderr, new RegExp(`^\\d+/\\d+  100%  failed 0 `, 'm'), 'plain progress lines when not on a terminal');

    const lines = (await readFile(out, 'utf8')).split('\n').filter(Boolean);
    const keys = lines.map((line) => {
      const record = predictionRecord.parse(JSON.parse(line));
      return `${record.id}/${splitOf(record)}`;
    });
    assert.equal(keys.length, CASES);
    assert.equal(new Set(keys).size, CASES, 'no case was written twice');
  });

  test('an unreachable server: exit 1 and a clear message, nothing run', async () => {
    const out = join(dir, 'unreachable.jsonl');
    const result = await startCli(['run', cases, '--endpoint', await closedPortUrl(), '--model', 'tiny', '--out', out]).exited;
    assert.equal(result.code, 1);
    assert.match(result.stderr, /preflight failed, nothing was run:\n {2}cannot reach http:\/\/127\.0\.0\.1:\d+: .*connection refused/);
    assert.equal(await lineCount(out), 0);
  });

  const quiet: RunOutput = { stdout: () => undefined, stderr: () => undefined, terminal: false };
  const defaults: Omit<RunCommandOptions, 'out'> = { endpoint: [], api: 'openai', toolMode: 'native', transition: 'all', concurrency: '1', timeoutMs: '5000', maxTokens: '64', temperature: '0' };

  test('a model the server does not have fails preflight, naming what it has', async () => {
    const options: RunCommandOptions = { ...defaults, endpoint: [server.url], model: 'absent', out: join(dir, 'absent.jsonl') };
    await assert.rejects(runRun(cases, options, quiet), /model "absent" is not on http:\/\/127\.0\.0\.1:\d+; it has: tiny/);
  });

  test('usage errors', async () => {
    const out = join(dir, 'usage.jsonl');
    await assert.rejects(runRun(cases, { ...defaults, out }, quiet), (e) => e instanceof UsageError && /--endpoint URL .* or --gguf FILE/.test(e.message));
    await assert.rejects(runRun(cases, { ...defaults, endpoint: [server.url], out }, quiet), /--model NAME is required/);
    await assert.rejects(runRun(cases, { ...defaults, endpoint: [server.url], model: 'tiny', concurrency: '0', out }, quiet), /--concurrency must be an integer at least 1/);
    assert.throws(() => parseTransitions('timeout,nap'), /unknown fault type "nap"/);
    assert.deepEqual(parseTransitions('schema_drift, timeout'), ['timeout', 'schema_drift']);
    assert.deepEqual(parseTransitions('none'), []);
  });
});
