// Every backend and dialect against a real HTTP server on loopback that fails on cue: each fault
// must end in a clear, typed error, and no request may outlive its timeout.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closedPortUrl, startFaultServer, type FaultServer } from '../../../test/support/faultServer.js';
import { ModelRequestError } from './errors.js';
import type { HttpClientOptions, RetryEvent } from './http.js';
import { OllamaBackend } from './ollama.js';
import { OpenAICompatibleBackend } from './openaiCompatible.js';
import type { ChatModel, ChatRequest } from './types.js';

const TIMEOUT_MS = 400;
/** Slack for scheduling on a busy machine; the bound checked is the timeout, never a speed. */
const SLACK_MS = 1000;

const variants: { name: string; make: (baseUrl: string, http: HttpClientOptions) => ChatModel }[] = [
  { name: 'openai', make: (baseUrl, http) => new OpenAICompatibleBackend({ baseUrl, ...http }) },
  { name: 'openai stream', make: (baseUrl, http) => new OpenAICompatibleBackend({ baseUrl, stream: true, ...http }) },
  { name: 'ollama', make: (baseUrl, http) => new OllamaBackend({ baseUrl, ...http }) },
  { name: 'ollama stream', make: (baseUrl, http) => new OllamaBackend({ baseUrl, stream: true, ...http }) },
];

const request: ChatRequest = {
  model: 'tiny',
  messages: [{ role: 'user', content: 'What is 5 factorial?' }],
  tools: [{ name: 'math.factorial', description: 'n!', parameters: { type: 'dict', properties: { n: { type: 'integer' } }, required: ['n'] } }],
};

async function failure(promise: Promise<unknown>): Promise<ModelRequestError> {
  const err = await promise.then(
    () => assert.fail('expected the request to fail'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof ModelRequestError, `expected a ModelRequestError, got ${String(err)}`);
  return err;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

for (const variant of variants) {
  describe(`${variant.name} backend under faults`, () => {
    let server: FaultServer;
    const retries: RetryEvent[] = [];
    // Generous, so a loaded machine never turns a slow answer into a timeout; the timeout test sets its own.
    const policy = { timeoutMs: 30_000, retries: 2, baseDelayMs: 10, maxDelayMs: 40, maxResponseBytes: 256 * 1024 };
    const model = () => variant.make(server.url, { policy, onRetry: (e) => retries.push(e) });

    before(async () => {
      server = await startFaultServer();
    });
    after(() => server.close());

    test('a normal answer: the dotted tool name comes back as sent, arguments as an object', async () => {
      server.script({ kind: 'answer', calls: [{ name: 'math_factorial', arguments: { n: 5 } }] });
      const result = await model().chat(request);
      assert.deepEqual(result.toolCalls, [{ name: 'math.factorial', parameters: { n: 5 } }]);
      assert.equal(result.finishReason, 'tool_calls');
      assert.equal(result.parseErrors, undefined);
      assert.deepEqual(result.usage, { promptTokens: 12, completionTokens: 7 });
      assert.match(result.rawOutput, /"arguments":/);
    });

    test('a text answer has no calls and finishes with stop', async () => {
      server.script({ kind: 'answer', content: 'I cannot help with that.' });
      const result = await model().chat(request);
      assert.deepEqual(result.toolCalls, []);
      assert.equal(result.rawOutput, 'I cannot help with that.');
      assert.equal(result.finishReason, 'stop');
    });

    test('connection refused fails at once, without retries', async () => {
      const url = await closedPortUrl();
      const before = retries.length;
      const { value: err } = await timed(() => failure(variant.make(url, { policy, onRetry: (e) => retries.push(e) }).chat(request)));
      assert.equal(err.kind, 'connection_refused');
      assert.match(err.message, /connection refused/);
      assert.ok(err.message.includes(url), err.message);
      assert.equal(retries.length, before);
    });

    test('a server that never answers is cut off at the timeout', async () => {
      server.script({ kind: 'hang' });
      const { value: err, ms } = await timed(() => failure(variant.make(server.url, { policy: { ...policy, timeoutMs: TIMEOUT_MS } }).chat(request)));
      assert.equal(err.kind, 'timeout');
      assert.match(err.message, new RegExp(`within ${TIMEOUT_MS} ms`));
      assert.ok(ms < TIMEOUT_MS + SLACK_MS, `waited ${Math.round(ms)} ms`);
    });

    test('429 with Retry-After is retried after at least that long, then succeeds', async () => {
      server.script({ kind: 'status', status: 429, retryAfter: '1' }, { kind: 'answer', content: 'fine now' });
      retries.length = 0;
      const result = await model().chat(request);
      assert.equal(result.rawOutput, 'fine now');
      assert.equal(retries.length, 1);
      assert.equal(retries[0]?.error.status, 429);
      assert.ok((retries[0]?.delayMs ?? 0) >= 1000, `waited ${retries[0]?.delayMs} ms`);
    });

    test('a Retry-After longer than allowed fails at once and says so', async () => {
      server.script({ kind: 'status', status: 503, retryAfter: '3600' });
      const err = await failure(model().chat(request));
      assert.equal(err.kind, 'http');
      assert.equal(err.status, 503);
      assert.match(err.message, /retry after 3600 s/);
    });

    test('500 and 503 are retried with backoff up to the bound, then reported with the body', async () => {
      server.script({ kind: 'status', status: 500 }, { kind: 'status', status: 503 }, { kind: 'status', status: 503, body: 'still loading the model' });
      retries.length = 0;
      const err = await failure(model().chat(request));
      assert.equal(err.kind, 'http');
      assert.equal(err.status, 503);
      assert.equal(err.attempts, 3);
      assert.match(err.message, /still loading the model/);
      assert.match(err.message, /after 3 attempts/);
      assert.deepEqual(retries.map((r) => r.attempt), [1, 2]);
    });

    test('400 is not retried: the request itself is wrong', async () => {
      server.script({ kind: 'status', status: 400, body: '{"error":"tools[0].function.name: invalid"}' });
      const err = await failure(model().chat(request));
      assert.equal(err.status, 400);
      assert.equal(err.attempts, 1);
      assert.match(err.bodyExcerpt ?? '', /invalid/);
    });

    test('a body that is not JSON is reported as malformed, with an excerpt', async () => {
      server.script({ kind: 'malformed' });
      const err = await failure(model().chat(request));
      assert.equal(err.kind, 'malformed');
      assert.match(err.bodyExcerpt ?? '', /"content": "cut/);
    });

    test('a stream cut mid-way is a lost connection, retried, then reported', async () => {
      server.script({ kind: 'cutStream' }, { kind: 'cutStream' }, { kind: 'cutStream' });
      const { value: err, ms } = await timed(() => failure(model().chat(request)));
      assert.equal(err.kind, 'connection_lost');
      assert.equal(err.attempts, 3);
      assert.ok(ms < 3 * TIMEOUT_MS + SLACK_MS, `waited ${Math.round(ms)} ms`);
    });

    test('an oversized body is cut at the cap', async () => {
      server.script({ kind: 'oversized', bytes: 8 * 1024 * 1024 });
      const err = await failure(model().chat(request));
      assert.equal(err.kind, 'too_large');
      assert.match(err.message, /262144-byte cap/);
    });

    test('the caller can cancel a request that hangs', async () => {
      server.script({ kind: 'hang' });
      const controller = new AbortController();
      const sent = server.requests.length;
      const pending = failure(model().chat(request, { signal: controller.signal }));
      // Cancel once the server holds the request: cancelled before it arrived, the scripted hang
      // would be left for the next test's request.
      while (server.requests.length === sent) await new Promise((resolve) => setTimeout(resolve, 5));
      controller.abort();
      // 'aborted', not 'timeout': the cancel ended it, long before the 30 s limit would have.
      assert.equal((await pending).kind, 'aborted');
    });

    test('the caller can cancel during the wait between retries', async () => {
      server.script({ kind: 'status', status: 429, retryAfter: '30' });
      const controller = new AbortController();
      const slow = variant.make(server.url, { policy: { ...policy, maxRetryAfterMs: 60_000 }, onRetry: () => controller.abort() });
      const err = await failure(slow.chat(request, { signal: controller.signal }));
      assert.equal(err.kind, 'aborted');
    });
  });
}
