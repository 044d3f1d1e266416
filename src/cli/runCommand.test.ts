// `robustlens run` as a user runs it: the real CLI in a child process against a slow loopback
// server, killed with SIGKILL and interrupted with SIGINT mid-run, then resumed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeRow, tool } from '../../test/support/evalRows.js';
import { type Behaviour, closedPortUrl, startFaultServer, type FaultServer } from '../../test/support/faultServer.js';
import { toJsonLine } from '../core/formats/index.js';
import { FAULT_TYPES } from '../core/perturb/index.js';
import { predictionRecord, splitOf } from '../core/schema/index.js';
import { UsageError } from './errors.js';
import { parseTransitions, runExitCode, runProtocolOf, runRun, type RunCommandOptions, type RunOutput } from './runCommand.js';

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

  const runArgs = (out: string) => ['run', cases, '--endpoint', server.url, '--model', 'tiny', '--out', out, '--concurrency', '2', '--timeout-ms', '5000'];

  /** Starts a run and kills it with SIGKILL once it has written a few records. */
  async function killMidRun(args: string[], out: string): Promise<void> {
    const killed = startCli(args);
    await waitForLines(out, 4, killed.exited);
    killed.child.kill('SIGKILL');
    assert.equal((await killed.exited).signal, 'SIGKILL');
  }

  test('SIGKILL, then SIGINT, then a full run: exactly one record per (id, split)', async () => {
    const out = join(dir, 'predictions.jsonl');
    const args = runArgs(out);

    await killMidRun(args, out);
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

  test('SIGKILL, then invalid UTF-8 in an earlier record and a torn tail: that case runs again, one valid record per (id, split)', async () => {
    const out = join(dir, 'damaged.jsonl');
    const args = runArgs(out);
    await killMidRun(args, out);

    // latin1 maps each byte to one character, so the bytes are edited exactly.
    const lines = (await readFile(out)).toString('latin1').split('\n');
    const victim = predictionRecord.parse(JSON.parse(Buffer.from(lines[1]!, 'latin1').toString('utf8')));
    lines[1] = lines[1]!.replace('"bfcl_v4"', '"bfcl\xff_v4"');
    await writeFile(out, Buffer.from(`${lines.join('\n')}${lines[0]!.slice(0, lines[0]!.length >> 1)}`, 'latin1'));

    const finished = await startCli(args).exited;
    assert.equal(finished.code, 0, finished.stderr);
    assert.match(finished.stderr, /:2: error: not valid UTF-8; the case runs again/);
    assert.match(finished.stderr, /warning: torn last record from an interrupted run; removed, the case runs again/);

    const after = (await readFile(out)).toString('latin1').split('\n');
    assert.equal(after.pop(), '', 'the file ends with a newline');
    assert.equal(after.splice(1, 1)[0], lines[1], 'the damaged record is kept as it was');
    const keys = after.map((line) => {
      const record = predictionRecord.parse(JSON.parse(Buffer.from(line, 'latin1').toString('utf8')));
      return `${record.id}/${splitOf(record)}`;
    });
    assert.equal(keys.length, CASES, 'every other line is a whole record: nothing glued');
    assert.equal(new Set(keys).size, CASES, 'no case was written twice');
    assert.ok(keys.includes(`${victim.id}/${splitOf(victim)}`), 'the damaged record’s case was run again');
  });

  test('an unreachable server: exit 1 and a clear message, nothing run', async () => {
    const out = join(dir, 'unreachable.jsonl');
    const result = await startCli(['run', cases, '--endpoint', await closedPortUrl(), '--model', 'tiny', '--out', out]).exited;
    assert.equal(result.code, 1);
    assert.match(result.stderr, /preflight failed, nothing was run:\n {2}cannot reach http:\/\/127\.0\.0\.1:\d+: .*connection refused/);
    assert.equal(await lineCount(out), 0);
  });

  const quiet: RunOutput = { stdout: () => undefined, stderr: () => undefined, terminal: false };
  const defaults: Omit<RunCommandOptions, 'out'> = { endpoint: [], api: 'openai', protocol: 'native', transition: 'all', concurrency: '1', timeoutMs: '5000', maxTokens: '64' };

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
    assert.throws(() => runProtocolOf({ ...defaults, promptStyle: 'python_list', out }), /--prompt-style applies to prompt mode/);
  });
});

/** The chat requests a server received, as the JSON bodies it was sent. */
function chatBodies(server: FaultServer): Array<Record<string, unknown> & { messages: Array<{ role: string; content: string }> }> {
  return server.requests.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.body as never);
}

describe('robustlens run --protocol', () => {
  let server: FaultServer;
  let dir: string;
  const quiet: RunOutput = { stdout: () => undefined, stderr: () => undefined, terminal: false };
  const base: Omit<RunCommandOptions, 'out' | 'protocol'> = { endpoint: [], api: 'openai', model: 'tiny', transition: 'timeout', concurrency: '1', timeoutMs: '5000' };

  before(async () => {
    server = await startFaultServer({ models: ['tiny'] });
    dir = await mkdtemp(join(tmpdir(), 'rl-run-protocol-'));
  });
  after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('paper: prompt-mode requests with the official settings, multi-turn rows left out and counted, a terse fault naming the tool', async () => {
    const cases = join(dir, 'paper.jsonl');
    const single = makeRow({ id: 'single' });
    const multi = { ...makeRow({ id: 'multi' }), category: 'BFCL_v4_multi_turn_base' };
    await writeFile(cases, [single, multi].map(toJsonLine).join(''));
    server.requests.length = 0;
    // The clean case, then pass 1 and pass 2 of the timeout case.
    server.script(
      { kind: 'answer', content: "[get_weather(x='value')]" },
      { kind: 'answer', content: "[get_weather(x='value')]" },
      { kind: 'answer', content: "[get_weather(x='value')]" },
    );
    const out = join(dir, 'paper-out.jsonl');
    const lines: string[] = [];
    const report = await runRun(cases, { ...base, endpoint: [server.url], protocol: 'paper', out }, { ...quiet, stdout: (t) => lines.push(t) });
    assert.equal(report.skippedMultiTurn, 2, 'the multi-turn row and its timeout case');
    assert.match(lines.join('\n'), /Protocol: paper; 2 multi-turn case\(s\) left out/);

    const bodies = chatBodies(server);
    assert.equal(bodies.length, 3, 'one request per static case, two for the transition case');
    for (const body of bodies) {
      assert.equal(body['tools'], undefined, 'no native tools field');
      assert.equal(body['temperature'], 0.001);
      assert.equal(body['max_tokens'], 1024);
      assert.match(body.messages[0]!.content, /^You compose function calls\./, "BFCL rows get BFCL's own prompt");
      assert.ok(!JSON.stringify(body).includes('multi'), 'the multi-turn row is never sent');
    }
    const fault = bodies[2]!.messages.at(-1)!;
    assert.equal(fault.role, 'user');
    assert.match(fault.content, /Error: request to get_weather timed out after 30s/);
    assert.doesNotMatch(fault.content, /retry|again|please/i);

    const records = (await readFile(out, 'utf8')).split('\n').filter(Boolean).map((l) => predictionRecord.parse(JSON.parse(l)));
    assert.equal(records.length, 2);
    for (const record of records) {
      assert.deepEqual(record.protocol, { name: 'paper', tool_mode: 'prompt', prompt_style: 'per_benchmark', temperature: 0.001, max_tokens: 1024, skip_multi_turn: true, fault_style: 'terse' });
      assert.equal(record.score?.correct, true, splitOf(record));
    }
    const manifest = JSON.parse(await readFile(join(dir, 'paper-out.manifest.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(manifest['protocol_label'], 'paper');
    assert.deepEqual(manifest['skipped_multi_turn'], ['multi (clean)', 'multi (timeout)']);
    assert.deepEqual(manifest['transitions'], ['timeout']);

    await assert.rejects(
      runRun(cases, { ...base, endpoint: [server.url], protocol: 'native', out }, quiet),
      /holds records run with protocol paper; this run is native/,
      'one file never mixes protocols',
    );
  });

  test('native: the fault names the tool as it was sent; a failed pass 2 keeps pass 1 and its own error', async () => {
    const cases = join(dir, 'native.jsonl');
    const area = tool('math.area');
    await writeFile(cases, toJsonLine(makeRow({ id: 'dotted', tools: [area], golden: [{ name: 'math.area', parameters: { x: ['value'] } }] })));
    server.requests.length = 0;
    const call: Behaviour = { kind: 'answer', calls: [{ name: 'math_area', arguments: { x: 'value' } }] };
    // The clean case, timeout's two passes, server_error's pass 1, and a 400 for its pass 2.
    server.script(call, call, call, call, { kind: 'status', status: 400 });
    const out = join(dir, 'native-out.jsonl');
    await runRun(cases, { ...base, endpoint: [server.url], protocol: 'native', transition: 'timeout,server_error', out }, quiet);
    const bodies = chatBodies(server);
    assert.equal(bodies.length, 5);
    const toolMessage = bodies[2]!.messages.at(-1)! as { role: string; content: string; name?: string };
    assert.equal(toolMessage.role, 'tool');
    assert.equal(toolMessage.name, 'math_area');
    assert.match(toolMessage.content, /^HTTP 504 Gateway Time-out/, 'native: realistic faults');

    const records = (await readFile(out, 'utf8')).split('\n').filter(Boolean).map((l) => predictionRecord.parse(JSON.parse(l)));
    const failedPass2 = records.find((r) => splitOf(r) === 'server_error')!;
    assert.equal(failedPass2.prediction.transition_injected, true);
    assert.deepEqual(failedPass2.prediction.pass1?.tool_calls, [{ name: 'math.area', parameters: { x: 'value' } }]);
    assert.match(failedPass2.prediction.error ?? '', /^pass 2: .*400/);
  });
});

describe('robustlens run: exit codes', () => {
  let server: FaultServer;
  let dir: string;
  let cases: string;
  const quiet: RunOutput = { stdout: () => undefined, stderr: () => undefined, terminal: false };
  const options = (out: string): RunCommandOptions => ({ endpoint: [server.url], api: 'openai', model: 'tiny', protocol: 'native', transition: 'none', concurrency: '1', timeoutMs: '5000', out: join(dir, out) });

  before(async () => {
    server = await startFaultServer({ models: ['tiny'] });
    dir = await mkdtemp(join(tmpdir(), 'rl-run-exit-'));
    cases = join(dir, 'cases.jsonl');
    await writeFile(cases, [makeRow({ id: 'a' }), makeRow({ id: 'b' })].map(toJsonLine).join(''));
  });
  after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('every request failed: the summary says so with the first error, and the exit code is 1', async () => {
    server.script({ kind: 'status', status: 400, body: 'bad \x1b[2J request' }, { kind: 'status', status: 400 });
    const lines: string[] = [];
    const report = await runRun(cases, options('all-failed.jsonl'), { ...quiet, stdout: (t) => lines.push(t) });
    assert.equal(report.done, 2);
    assert.equal(report.failed, 2);
    assert.match(report.firstError ?? '', /400/);
    assert.match(lines.join('\n'), /^every request failed: .*400/m);
    assert.ok(!lines.join('\n').includes('\x1b'), 'the server’s text is escaped');
    assert.equal(runExitCode(report), 1);
  });

  test('one request answered: the run is a success', async () => {
    server.script({ kind: 'status', status: 400 });
    const report = await runRun(cases, options('one-failed.jsonl'), quiet);
    assert.equal(report.failed, 1);
    assert.equal(runExitCode(report), 0);
  });

  test('exit codes: interrupted wins; bad lines of the cases fail; repairs of the output file do not', () => {
    const base = { total: 2, done: 2, failed: 0, skipped: 0, skippedMultiTurn: 0, ratePerSecond: 1, cancelled: false, out: 'out.jsonl', model: 'm', run: 'r', protocol: runProtocolOf({ ...options('x'), out: 'out.jsonl' }), problems: [] };
    const problem = (file: string, severity: 'error' | 'warning') => ({ file, line: 1, severity, message: 'not valid JSON' });
    assert.equal(runExitCode(base), 0);
    assert.equal(runExitCode({ ...base, failed: 2, cancelled: true }), 130);
    assert.equal(runExitCode({ ...base, done: 0 }), 0, 'nothing left to run is not a failure');
    assert.equal(runExitCode({ ...base, problems: [problem('cases.jsonl', 'error')] }), 1);
    assert.equal(runExitCode({ ...base, problems: [problem('cases.jsonl', 'warning')] }), 0);
    assert.equal(runExitCode({ ...base, problems: [problem('out.jsonl', 'error')] }), 0);
  });

  test('an output path that is a folder: the error names it', async () => {
    const out = join(dir, 'a-folder');
    await mkdir(out);
    await assert.rejects(runRun(cases, { ...options('unused'), out }, quiet), (err: Error) => err.message.includes(out));
  });
});
