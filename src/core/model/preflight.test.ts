import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closedPortUrl, startFaultServer, type FaultServerOptions } from '../../../test/support/faultServer.js';
import { OllamaBackend } from './ollama.js';
import { OpenAICompatibleBackend } from './openaiCompatible.js';
import { estimatePromptTokens, preflight, type PreflightReport } from './preflight.js';
import type { ChatRequest, ModelServer } from './types.js';

const request: ChatRequest = { model: 'tiny', messages: [{ role: 'user', content: 'x'.repeat(4000) }], tools: [], maxTokens: 100 };

async function check(options: FaultServerOptions, make: (url: string) => ModelServer, req: ChatRequest = request): Promise<PreflightReport> {
  const server = await startFaultServer(options);
  try {
    return await preflight(make(server.url), req);
  } finally {
    await server.close();
  }
}

const messages = (report: PreflightReport, level: string) => report.checks.filter((c) => c.level === level).map((c) => c.message);
const openai = (baseUrl: string) => new OpenAICompatibleBackend({ baseUrl });
const ollama = (baseUrl: string) => new OllamaBackend({ baseUrl });

test('an unreachable server is an error that says where and why', async () => {
  const url = await closedPortUrl();
  const report = await preflight(openai(url), request);
  assert.equal(report.ok, false);
  assert.match(messages(report, 'error')[0] ?? '', new RegExp(`cannot reach ${url}: .*connection refused`));
});

test('a missing model is an error that lists what the server has', async () => {
  const report = await check({ models: ['qwen2.5-7b', 'llama-3.1-8b'] }, openai);
  assert.equal(report.ok, false);
  assert.match(messages(report, 'error')[0] ?? '', /model "tiny" is not on .*; it has: qwen2\.5-7b, llama-3\.1-8b/);
});

test("llama-server's /props gives the context window; a prompt that may not fit is a warning", async () => {
  const fits = await check({ nCtx: 4096 }, openai);
  assert.equal(fits.ok, true);
  assert.equal(fits.contextWindow, 4096);
  assert.match(messages(fits, 'ok').at(-1) ?? '', /≈\d+ tokens, estimated as characters \/ 4\) plus 100 tokens for the answer fits the context window of 4096/);
  const tight = await check({ nCtx: 512 }, openai);
  assert.equal(tight.ok, true, 'only a warning: the estimate is rough');
  assert.match(messages(tight, 'warning')[0] ?? '', /may not fit the context window of 512 tokens \(n_ctx per slot from \/props/);
});

test('an OpenAI-compatible server without /props: the context window is unknown, and said so', async () => {
  const report = await check({}, openai);
  assert.equal(report.ok, true);
  assert.equal(report.contextWindow, undefined);
  assert.match(messages(report, 'warning')[0] ?? '', /context window is unknown/);
});

test('Ollama without num_ctx: a warning that it silently truncates at its default context', async () => {
  const report = await check({ models: ['tiny:latest'], contextLength: 32768 }, ollama);
  assert.equal(report.ok, true, 'tiny means tiny:latest');
  const warnings = messages(report, 'warning');
  assert.match(warnings[0] ?? '', /default context \(2048 or 4096 tokens, by version\) and silently drops the start of a longer prompt; set num_ctx \(the model was trained for 32768\)/);
  assert.equal(report.contextWindow, 2048);
});

test("Ollama with num_ctx, from the Modelfile or from our settings: no truncation warning", async () => {
  const fromModelfile = await check({ numCtx: 16384 }, ollama);
  assert.equal(fromModelfile.contextWindow, 16384);
  assert.deepEqual(messages(fromModelfile, 'warning'), []);
  const fromSettings = await check({}, (url) => new OllamaBackend({ baseUrl: url, numCtx: 8192 }));
  assert.equal(fromSettings.contextWindow, 8192);
  assert.deepEqual(messages(fromSettings, 'warning'), []);
});

test('the prompt estimate counts tools and prompt-mode instructions too', () => {
  const tools: ChatRequest['tools'] = [{ name: 'f', description: 'd'.repeat(400), parameters: { type: 'dict', properties: {} } }];
  const bare = estimatePromptTokens({ ...request, messages: [{ role: 'user', content: 'hi' }] });
  const native = estimatePromptTokens({ ...request, messages: [{ role: 'user', content: 'hi' }], tools });
  const prompt = estimatePromptTokens({ ...request, messages: [{ role: 'user', content: 'hi' }], tools, toolMode: 'prompt' });
  assert.ok(native >= bare + 100, `${native} vs ${bare}`);
  assert.ok(prompt > native, 'the instructions add text');
});
