// The runner's overhead over a bare HTTP loop. Run: npx tsx bench/runner.ts [requests]
// Budget (DESIGN §9): the runner keeps at least 0.95x the throughput of a bare `fetch` loop
// against the same loopback server. All loops send the same request body to an in-process
// node:http server that answers every request with the same tool call, at concurrency 1, 4 and
// 16; the runner also builds each request from its case, decodes and validates the answer, and
// appends every record to its output file with an fsync. The loops alternate, several rounds,
// and the median counts, so a busy machine skews them alike. The runner's client is node:http,
// not fetch, so a bare node:http loop is shown too: the runner's own cost is the gap to that one.
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeRow } from '../test/support/evalRows.js';
import { JsonlAppender } from '../src/core/formats/index.js';
import { createBackend } from '../src/core/model/index.js';
import { protocolFrom, runCases } from '../src/core/run/index.js';
import type { EvalRow } from '../src/core/schema/index.js';

const BUDGET = 0.95;
const ROUNDS = 5;
const CONCURRENCY = [1, 4, 16];
const REQUESTS = Number(process.argv[2] ?? 600);

const ANSWER = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1,
  model: 'bench',
  choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_0', type: 'function', function: { name: 'get_weather', arguments: '{"x": "value"}' } }] }, finish_reason: 'tool_calls' }],
  usage: { prompt_tokens: 120, completion_tokens: 12, total_tokens: 132 },
});

async function startServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(ANSWER) });
      res.end(ANSWER);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** What the OpenAI-compatible backend sends for a case, so both loops move the same bytes. */
function requestBody(row: EvalRow): string {
  const tools = row.tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: { ...t.parameters, type: 'object' } } }));
  return JSON.stringify({ model: 'bench', messages: row.conversation, tools, tool_choice: 'auto', stream: false });
}

/** One POST with node:http on a keep-alive agent, the body read whole and parsed. */
function nodeHttpPost(url: string, body: string, agent: Agent): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      response.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

async function inParallel(concurrency: number, count: number, work: () => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next++ < count) await work();
  }));
}

async function seconds(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const server = await startServer();
  const dir = await mkdtemp(join(tmpdir(), 'rl-bench-runner-'));
  const cases = Array.from({ length: REQUESTS }, (_, i) => makeRow({ id: `case_${i}` }));
  const body = requestBody(cases[0]!);
  const backend = createBackend({ kind: 'server', api: 'openai', url: server.url });
  const bare = (concurrency: number) =>
    seconds(() =>
      inParallel(concurrency, REQUESTS, async () => {
        const response = await fetch(`${server.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        await response.json();
      }),
    );
  const agent = new Agent({ keepAlive: true });
  const bareNodeHttp = (concurrency: number) => seconds(() => inParallel(concurrency, REQUESTS, async () => void (await nodeHttpPost(`${server.url}/v1/chat/completions`, body, agent))));
  let file = 0;
  const runner = (concurrency: number) =>
    seconds(() => runCases(cases, { endpoints: [backend], model: 'bench', protocol: protocolFrom('native'), out: join(dir, `run-${file++}.jsonl`), runId: 'bench', concurrency, onProblem: () => undefined }));

  console.log(`machine: ${cpus()[0]?.model ?? 'unknown cpu'}, ${cpus().length} cores, node ${process.version}`);
  console.log(`${REQUESTS} requests per loop, median of ${ROUNDS} alternating rounds; records fsynced to ${tmpdir()}\n`);
  const columns = ['concurrency', 'fetch req/s', 'runner req/s', 'ratio', 'node:http req/s', 'ratio', 'runner cost/req'];
  console.log(columns.map((c, i) => (i === 0 ? c.padEnd(12) : c.padStart(c.length + 2))).join(''));
  await bare(4);
  await bareNodeHttp(4);
  await runner(4);
  let worst = Infinity;
  for (const concurrency of CONCURRENCY) {
    const times: [number[], number[], number[]] = [[], [], []];
    for (let round = 0; round < ROUNDS; round++) {
      times[0].push(await bare(concurrency));
      times[1].push(await bareNodeHttp(concurrency));
      times[2].push(await runner(concurrency));
    }
    const [f, h, r] = times.map(median) as [number, number, number];
    worst = Math.min(worst, f / r);
    // Over the node:http loop, which the runner's client is built on.
    const costMs = ((r - h) / REQUESTS) * 1000;
    const cells = [REQUESTS / f, REQUESTS / r, f / r, REQUESTS / h, h / r];
    const widths = columns.slice(1).map((c) => c.length + 2);
    const text = cells.map((v, i) => (i === 2 || i === 4 ? v.toFixed(2) : v.toFixed(0)).padStart(widths[i]!));
    console.log(`${String(concurrency).padEnd(12)}${text.join('')}${`${costMs.toFixed(3)} ms`.padStart(widths[5]!)}`);
  }

  // What the durability costs on this disk, apart from everything else.
  const appender = await JsonlAppender.open(join(dir, 'fsync.jsonl'), { durable: true });
  const record = { ...cases[0]!, prediction: { raw_output: ANSWER, tool_calls: [], error: null } };
  const fsyncSeconds = await seconds(async () => {
    for (let i = 0; i < 200; i++) await appender.append(record);
  });
  await appender.close();
  console.log(`\none durable append (write + fsync) in sequence: ${((fsyncSeconds / 200) * 1000).toFixed(3)} ms`);
  console.log(`budget ${BUDGET}x the bare fetch loop: ${worst >= BUDGET ? 'met' : 'NOT met'} (worst ratio ${worst.toFixed(2)})`);
  await server.close();
  await rm(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
