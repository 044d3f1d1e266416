// The OpenAI-compatible backend against a real llama.cpp llama-server running the generated tiny
// model. The model's argument values are arbitrary, so these tests assert structure only.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findLlamaServer, LLAMA_SERVER_MISSING, startLlamaServer, type RunningLlamaServer } from '../../../test/support/llamaServer.js';
import { ModelRequestError } from './errors.js';
import { OllamaBackend } from './ollama.js';
import { OpenAICompatibleBackend } from './openaiCompatible.js';
import { preflight } from './preflight.js';
import { makeTinyModel } from '../../../test/support/tinyModel/index.js';
import type { ChatRequest } from './types.js';

const tools: ChatRequest['tools'] = [
  { name: 'math.factorial', description: 'Factorial of n.', parameters: { type: 'dict', properties: { n: { type: 'integer' }, note: { type: 'string' } }, required: ['n', 'note'] } },
  { name: 'get_weather', description: 'Weather in a city.', parameters: { type: 'dict', properties: { city: { type: 'string' } }, required: ['city'] } },
];

describe('OpenAI-compatible backend on llama-server with the tiny model', () => {
  let server: RunningLlamaServer;
  let modelId: string;
  let running = false;

  before(async () => {
    const binary = await findLlamaServer();
    if (!binary) return;
    const path = join(await mkdtemp(join(tmpdir(), 'rl-llama-')), 'tiny-model.gguf');
    await writeFile(path, makeTinyModel());
    server = await startLlamaServer(binary, path);
    modelId = (await new OpenAICompatibleBackend({ baseUrl: server.url }).listModels())[0]!;
    running = true;
  });
  after(() => (running ? server.close() : undefined));

  /** Registers a test that skips, saying why, when there is no llama-server binary. */
  function withServer(name: string, body: () => Promise<void>): void {
    test(name, async (t) => {
      if (!running) return t.skip(LLAMA_SERVER_MISSING);
      await body();
    });
  }

  for (const stream of [false, true]) {
    withServer(`native tool calls come back well-formed${stream ? ', streamed' : ''}`, async () => {
      const backend = new OpenAICompatibleBackend({ baseUrl: `${server.url}/v1`, stream, policy: { timeoutMs: 20_000 } });
      const result = await backend.chat({ model: modelId, messages: [{ role: 'user', content: 'What is 5 factorial?' }], tools, maxTokens: 64, seed: 1 });
      assert.equal(result.finishReason, 'tool_calls', server.log());
      assert.ok(result.toolCalls.length >= 1, result.rawOutput);
      for (const call of result.toolCalls) {
        const spec = tools.find((t) => t.name === call.name);
        assert.ok(spec, `${call.name} is one of the offered tools, its dotted name mapped back`);
        for (const key of (spec.parameters as { required: string[] }).required) assert.ok(key in call.parameters, `${call.name} has ${key}`);
      }
      assert.equal(result.parseErrors, undefined);
      assert.ok((result.usage?.promptTokens ?? 0) > 0);
    });
  }

  withServer('preflight finds the server, the model and its context window from /props', async () => {
    const backend = new OpenAICompatibleBackend({ baseUrl: server.url });
    const report = await preflight(backend, { model: modelId, messages: [{ role: 'user', content: 'hi' }], tools, maxTokens: 64 });
    assert.equal(report.ok, true, JSON.stringify(report.checks));
    assert.equal(report.contextWindow, 4096);
    assert.ok(report.checks.some((c) => c.level === 'ok' && /fits the context window of 4096/.test(c.message)));
  });

  withServer('the Ollama dialect gets a clear 404: llama-server has no /api routes', async () => {
    const err = await new OllamaBackend({ baseUrl: server.url }).chat({ model: modelId, messages: [{ role: 'user', content: 'hi' }], tools }).catch((e: unknown) => e);
    assert.ok(err instanceof ModelRequestError);
    assert.equal(err.kind, 'http');
    assert.equal(err.status, 404);
    assert.match(err.message, /\/api\/chat/);
  });
});
