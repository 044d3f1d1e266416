import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFaultServer, type FaultServer } from '../../../test/support/faultServer.js';
import { createBackend } from './backends.js';
import { ModelRequestError } from './errors.js';
import type { ChatRequest } from './types.js';

const REQUEST: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'hi' }], tools: [] };

describe('createBackend', () => {
  let server: FaultServer;
  before(async () => {
    server = await startFaultServer({ models: ['m'] });
  });
  after(() => server.close());

  test('an OpenAI-compatible server gets the chat-completions path and the API key', async () => {
    const backend = createBackend({ kind: 'server', api: 'openai', url: server.url, apiKey: 'sk-test' }, { timeoutMs: 5_000 });
    await backend.load();
    const result = await backend.chat(REQUEST);
    assert.equal(result.text, 'ok');
    const sent = server.requests.at(-1)!;
    assert.equal(sent.path, '/v1/chat/completions');
    assert.equal(sent.headers.authorization, 'Bearer sk-test');
    await backend.close();
  });

  test('an Ollama server gets /api/chat and no key', async () => {
    const backend = createBackend({ kind: 'server', api: 'ollama', url: server.url }, { timeoutMs: 5_000 });
    assert.deepEqual(await backend.listModels(), ['m']);
    await backend.chat(REQUEST);
    const sent = server.requests.at(-1)!;
    assert.equal(sent.path, '/api/chat');
    assert.equal(sent.headers.authorization, undefined);
  });

  test('the retry setting bounds the attempts, and each retry is told', async () => {
    const retried: number[] = [];
    const backend = createBackend({ kind: 'server', api: 'openai', url: server.url }, { timeoutMs: 5_000, retries: 1, onRetry: (e) => retried.push(e.attempt) });
    server.script({ kind: 'status', status: 503, retryAfter: '0' }, { kind: 'status', status: 503, retryAfter: '0' });
    const before = server.requests.length;
    await assert.rejects(backend.chat(REQUEST), (e: unknown) => e instanceof ModelRequestError && e.status === 503 && e.attempts === 2);
    assert.equal(server.requests.length - before, 2);
    assert.deepEqual(retried, [1]);
  });

  test('a .gguf is loaded up front, so a missing file fails before any request', async () => {
    const backend = createBackend({ kind: 'gguf', path: '/nonexistent/model.gguf', parallel: 2 }, { timeoutMs: 5_000 });
    assert.equal(backend.location, '/nonexistent/model.gguf');
    await assert.rejects(backend.load(), /model\.gguf/);
    await backend.close();
  });
});
