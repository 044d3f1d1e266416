// `robustlens serve`'s server over the embedded backend and the generated tiny model, driven by
// the project's own OpenAI-compatible and Ollama clients, streamed and not, and by raw HTTP for
// what a client must be told when its request is wrong. Structure only, never content.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_THREADS, TINY_MODEL_NAME, writeTinyModel, type TinyModelFile } from '../../../test/support/tinyModel/index.js';
import { type ChatBackend, type ChatRequest, ModelRequestError, preflight } from '../model/index.js';
import { EmbeddedBackend } from '../model/embedded.js';
import { OllamaBackend } from '../model/ollama.js';
import { OpenAICompatibleBackend } from '../model/openaiCompatible.js';
import { startModelServer, type RunningModelServer } from './server.js';

const MODEL = TINY_MODEL_NAME;

const tools: ChatRequest['tools'] = [
  { name: 'math.factorial', description: 'Factorial of n.', parameters: { type: 'dict', properties: { n: { type: 'integer' }, note: { type: 'string' } }, required: ['n'] } },
  { name: 'get_weather', description: 'Weather in a city.', parameters: { type: 'dict', properties: { city: { type: 'string' } }, required: ['city'] } },
];

const firstPass: ChatRequest = { model: MODEL, messages: [{ role: 'user', content: 'What is 5 factorial?' }], tools, maxTokens: 48, seed: 3 };

/** A second pass: the model's call and a tool result, as a transition case sends them. */
const secondPass: ChatRequest = {
  ...firstPass,
  messages: [
    ...firstPass.messages,
    { role: 'assistant', content: null, tool_calls: [{ id: 'call_0', type: 'function', function: { name: 'math.factorial', arguments: '{"n": 5}' } }] },
    { role: 'tool', tool_call_id: 'call_0', name: 'math.factorial', content: 'HTTP 503 Service Unavailable\nRetry-After: 1' },
  ],
};

const MAX_BODY_BYTES = 256 * 1024;

describe('serve: OpenAI and Ollama dialects over the embedded backend', () => {
  let file: TinyModelFile;
  let backend: EmbeddedBackend;
  let server: RunningModelServer;

  before(async () => {
    file = await writeTinyModel();
    backend = new EmbeddedBackend({ modelPath: file.path, threads: TEST_THREADS });
    server = await startModelServer({ backend, maxBodyBytes: MAX_BODY_BYTES });
  });
  after(async () => {
    await server.close();
    await backend.close();
    await file.remove();
  });

  const clients: { name: string; make: (url: string) => ChatBackend }[] = [
    { name: 'OpenAI', make: (url) => new OpenAICompatibleBackend({ baseUrl: `${url}/v1` }) },
    { name: 'OpenAI streamed', make: (url) => new OpenAICompatibleBackend({ baseUrl: url, stream: true }) },
    { name: 'Ollama', make: (url) => new OllamaBackend({ baseUrl: url }) },
    { name: 'Ollama streamed', make: (url) => new OllamaBackend({ baseUrl: url, stream: true }) },
  ];

  for (const client of clients) {
    test(`${client.name} client: preflight passes and both passes come back as well-formed calls`, async () => {
      const model = client.make(server.url);
      const report = await preflight(model, firstPass);
      assert.equal(report.ok, true, JSON.stringify(report.checks));
      assert.equal(report.contextWindow, 4096);
      assert.ok(!report.checks.some((c) => c.level === 'warning'), JSON.stringify(report.checks));
      for (const request of [firstPass, secondPass]) {
        const result = await model.chat(request);
        assert.equal(result.finishReason, 'tool_calls', result.rawOutput);
        assert.ok(result.toolCalls.length >= 1);
        for (const call of result.toolCalls) {
          const spec = tools.find((t) => t.name === call.name);
          assert.ok(spec, `${call.name} is an offered tool, the dotted name kept through both hops`);
          for (const key of spec.parameters.required ?? []) assert.ok(key in call.parameters, `${call.name} has ${key}`);
        }
        assert.equal(result.parseErrors, undefined);
        assert.ok((result.usage?.promptTokens ?? 0) > 0);
      }
    });
  }

  test('OpenAI: a streamed answer arrives as events with ids, a finish reason, usage and [DONE]', async () => {
    const response = await post('/v1/chat/completions', {
      model: MODEL,
      messages: [{ role: 'user', content: 'hi' }],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: tools[1]!.parameters } }],
      tool_choice: 'required',
      max_tokens: 48,
      stream: true,
      stream_options: { include_usage: true },
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    const events = (await response.text()).split('\n\n').filter(Boolean).map((e) => e.replace(/^data: /, ''));
    assert.equal(events.at(-1), '[DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e) as { choices: { delta: { tool_calls?: { id: string; function: { name: string; arguments: string } }[] }; finish_reason: string | null }[]; usage?: unknown });
    const calls = chunks.flatMap((c) => c.choices.flatMap((choice) => choice.delta.tool_calls ?? []));
    assert.ok(calls.length >= 1);
    for (const call of calls) {
      assert.match(call.id, /^call_/);
      assert.equal(call.function.name, 'get_weather');
      assert.equal(typeof JSON.parse(call.function.arguments), 'object', 'arguments are a JSON string');
    }
    assert.ok(chunks.some((c) => c.choices[0]?.finish_reason === 'tool_calls'));
    assert.ok(chunks.some((c) => c.usage));
  });

  test('Ollama: arguments come back as objects', async () => {
    const response = await post('/api/chat', { model: MODEL, messages: [{ role: 'user', content: 'hi' }], tools: [{ type: 'function', function: { name: 'get_weather', parameters: tools[1]!.parameters } }], stream: false, options: { num_predict: 48 } });
    const body = (await response.json()) as { message: { tool_calls: { function: { name: string; arguments: unknown } }[] }; done: boolean };
    assert.equal(body.done, true);
    assert.ok(body.message.tool_calls.length >= 1);
    for (const call of body.message.tool_calls) assert.equal(typeof call.function.arguments, 'object');
  });

  const refusals: { name: string; path: string; init: RequestInit; status: number; message: RegExp }[] = [
    { name: 'a body that is not JSON', path: '/v1/chat/completions', init: { method: 'POST', body: '{"model": ' }, status: 400, message: /not JSON/ },
    { name: 'no messages', path: '/v1/chat/completions', init: { method: 'POST', body: JSON.stringify({ model: MODEL }) }, status: 400, message: /messages/ },
    {
      name: 'an unknown role',
      path: '/api/chat',
      init: { method: 'POST', body: JSON.stringify({ model: MODEL, messages: [{ role: 'robot', content: 'x' }] }) },
      status: 400,
      message: /messages\.0\.role/,
    },
    {
      name: 'a tool_choice naming no tool',
      path: '/v1/chat/completions',
      init: { method: 'POST', body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'x' }], tools: [], tool_choice: { type: 'function', function: { name: 'nope' } } }) },
      status: 400,
      message: /"nope"/,
    },
    {
      name: 'tool call arguments that are not JSON',
      path: '/v1/chat/completions',
      init: {
        method: 'POST',
        body: JSON.stringify({ model: MODEL, messages: [{ role: 'assistant', content: null, tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: '{n:' } }] }] }),
      },
      status: 400,
      message: /arguments are not JSON/,
    },
    {
      name: 'a prompt longer than the context',
      path: '/v1/chat/completions',
      init: { method: 'POST', body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'word '.repeat(6000) }] }) },
      status: 400,
      message: /does not fit the context window/,
    },
    { name: 'a body over the size cap', path: '/api/chat', init: { method: 'POST', body: 'x'.repeat(MAX_BODY_BYTES + 1) }, status: 413, message: /larger than/ },
    {
      name: 'a body nested thousands of levels deep',
      path: '/api/chat',
      init: { method: 'POST', body: `{"model": "${MODEL}", "messages": [{"role": "user", "content": "hi"}], "tools": [{"function": {"name": "f", "parameters": ${'{"items":'.repeat(5000)}{}${'}'.repeat(5000)}}}]}` },
      status: 400,
      message: /nested deeper than 100 levels/,
    },
    { name: 'the wrong method', path: '/v1/chat/completions', init: { method: 'GET' }, status: 405, message: /takes POST/ },
    { name: 'an unknown path', path: '/v2/everything', init: { method: 'GET' }, status: 404, message: /no route/ },
  ];

  for (const refusal of refusals) {
    test(`refuses ${refusal.name} with ${refusal.status} and a JSON error that says why`, async () => {
      const response = await fetch(`${server.url}${refusal.path}`, { ...refusal.init, headers: { 'content-type': 'application/json' } });
      assert.equal(response.status, refusal.status);
      const body = (await response.json()) as { error: string | { message: string } };
      const message = typeof body.error === 'string' ? body.error : body.error.message;
      assert.match(message, refusal.message);
    });
  }

  test('binds to loopback by default', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test('closing while a stream runs ends that stream with an error event and resolves', async () => {
    const closing = await startModelServer({ backend });
    // Without tools the tiny model writes text until the token limit: a long stream.
    const streaming = new OpenAICompatibleBackend({ baseUrl: closing.url, stream: true, policy: { retries: 0 } });
    const pending = streaming.chat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }], tools: [], maxTokens: 3000 }).then(
      () => assert.fail('the stream should not complete'),
      (e: unknown) => e,
    );
    await sleep(200);
    await closing.close();
    const err = await pending;
    assert.ok(err instanceof ModelRequestError, String(err));
    assert.match(err.message, /shutting down/);
  });

  function post(path: string, body: unknown): Promise<Response> {
    return fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
