// The embedded llama.cpp backend (node-llama-cpp, in-process) with the generated tiny model. Its
// argument values are arbitrary, so these tests assert structure only, never content.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_THREADS, TINY_MODEL_NAME, writeTinyModel, type TinyModelFile } from '../../../test/support/tinyModel/index.js';
import { EmbeddedBackend, generationError } from './embedded.js';
import { ModelRequestError } from './errors.js';
import { loadLlama, loadNodeLlamaCpp } from './llamaRuntime.js';
import type { ChatRequest, ChatResult } from './types.js';

const tools: ChatRequest['tools'] = [
  {
    name: 'math.factorial',
    description: 'Factorial of n.',
    parameters: { type: 'dict', properties: { n: { type: 'integer' }, note: { type: 'string' }, base: { type: 'integer', description: 'Optional.' } }, required: ['n', 'note'] },
  },
  { name: 'get_weather', description: 'Weather in a city.', parameters: { type: 'dict', properties: { city: { type: 'string' } }, required: ['city'] } },
];

const ask = (extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: TINY_MODEL_NAME,
  messages: [{ role: 'user', content: 'What is 5 factorial?' }],
  tools,
  maxTokens: 48,
  seed: 1,
  ...extra,
});

/** Calls that name an offered tool, with object arguments holding every required key. */
function assertWellFormedCalls(result: ChatResult): void {
  for (const call of result.toolCalls) {
    const spec = tools.find((t) => t.name === call.name);
    assert.ok(spec, `${call.name} is one of the offered tools, its dotted name mapped back`);
    assert.equal(typeof call.parameters, 'object');
    for (const key of spec.parameters.required ?? []) assert.ok(key in call.parameters, `${call.name} has ${key}`);
  }
}

async function rejection(promise: Promise<unknown>): Promise<ModelRequestError> {
  const err = await promise.then(() => assert.fail('expected the request to fail'), (e: unknown) => e);
  assert.ok(err instanceof ModelRequestError, `expected a ModelRequestError, got ${String(err)}`);
  return err;
}

describe('embedded backend with the tiny model', () => {
  let file: TinyModelFile;
  let modelPath: string;
  let backend: EmbeddedBackend;

  before(async () => {
    file = await writeTinyModel();
    modelPath = file.path;
    backend = new EmbeddedBackend({ modelPath, parallel: 2, threads: TEST_THREADS });
    await backend.load();
  });
  after(async () => {
    await backend.close();
    await file.remove();
  });

  test('lists the model by its own name and reports its context from the GGUF header', async () => {
    assert.deepEqual(await backend.listModels(), [TINY_MODEL_NAME]);
    assert.equal((await backend.contextInfo()).contextWindow, 4096);
  });

  test('native mode, auto: a well-formed call to an offered tool', async () => {
    const result = await backend.chat(ask());
    assert.equal(result.finishReason, 'tool_calls', result.rawOutput);
    assert.ok(result.toolCalls.length >= 1);
    assertWellFormedCalls(result);
    assert.equal(result.parseErrors, undefined);
    assert.ok((result.usage?.promptTokens ?? 0) > 0 && (result.usage?.completionTokens ?? 0) > 0);
  });

  test('native mode, a named tool: the call is to that tool', async () => {
    const result = await backend.chat(ask({ toolChoice: { name: 'get_weather' } }));
    assert.equal(result.finishReason, 'tool_calls');
    assert.deepEqual(result.toolCalls.map((c) => c.name), ['get_weather']);
    assertWellFormedCalls(result);
  });

  test('native mode, required, after a tool result: a second call comes back', async () => {
    const messages: ChatRequest['messages'] = [
      { role: 'user', content: 'What is 5 factorial?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_0', type: 'function', function: { name: 'math.factorial', arguments: '{"n": 5, "note": "x"}' } }] },
      { role: 'tool', tool_call_id: 'call_0', content: 'HTTP 429 Too Many Requests\nRetry-After: 2' },
    ];
    const result = await backend.chat(ask({ messages, toolChoice: 'required' }));
    assert.equal(result.finishReason, 'tool_calls');
    assertWellFormedCalls(result);
  });

  test('a call the token limit cuts off stays visible, as a call whose arguments are not JSON', async () => {
    const result = await backend.chat(ask({ toolChoice: { name: 'math.factorial' }, maxTokens: 12 }));
    assert.equal(result.finishReason, 'length');
    assert.deepEqual(result.toolCalls, []);
    assert.equal(result.parseErrors?.length, 1);
    assert.match(result.parseErrors[0]!, /^math\.factorial: the arguments are not JSON/);
    assert.match(result.rawOutput, /"name":"math\.factorial"/);
  });

  test('prompt mode: plain text, calls read by the prompt-mode parsers', async () => {
    const result = await backend.chat(ask({ toolMode: 'prompt' }));
    assert.ok(['stop', 'length', 'tool_calls'].includes(result.finishReason));
    assert.equal(result.text, result.rawOutput, 'in prompt mode the calls are part of the text');
    assertWellFormedCalls(result);
  });

  test('more concurrent requests than sequences wait their turn and all finish', async () => {
    const results = await Promise.all(Array.from({ length: 4 }, (_, i) => backend.chat(ask({ seed: i }))));
    for (const result of results) assertWellFormedCalls(result);
  });

  test('an abort signal stops the generation', async () => {
    const controller = new AbortController();
    const pending = backend.chat(ask({ toolMode: 'prompt', maxTokens: 3000 }), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    assert.equal((await rejection(pending)).kind, 'aborted');
  });

  test('a generation past its timeout fails as a timeout, and the backend goes on', async () => {
    const slow = new EmbeddedBackend({ modelPath, timeoutMs: 50, threads: TEST_THREADS });
    try {
      const err = await rejection(slow.chat(ask({ toolMode: 'prompt', maxTokens: 3000 })));
      assert.equal(err.kind, 'timeout');
      assert.match(err.message, /tiny-model\.gguf/);
    } finally {
      await slow.close();
    }
    assertWellFormedCalls(await backend.chat(ask()));
  });

  test('a prompt longer than the context is refused for that request, not truncated', async () => {
    const long = 'word '.repeat(6000);
    const err = await rejection(backend.chat(ask({ messages: [{ role: 'user', content: long }] })));
    assert.equal(err.kind, 'too_large');
    assert.match(err.message, /does not fit the context window of 4096/);
    assertWellFormedCalls(await backend.chat(ask()));
  });

  test("the runtime rejecting its own grammar's output is a per-request error", async () => {
    // The exact failure: the grammar for `integer` admits an exponent, the validator then refuses
    // the Infinity it parses to. Reproduced with the runtime's own JSON-schema grammar.
    const nlc = await loadNodeLlamaCpp();
    const llama = await loadLlama(TEST_THREADS);
    const grammar = await llama.createGrammarForJsonSchema({ type: 'object', properties: { n: { type: 'integer' } } });
    assert.match(grammar.grammar, /\[eE\]/, 'the integer rule admits an exponent');
    let thrown: unknown;
    assert.throws(() => grammar.parse('{"n": 2311675959E675}'), (err) => ((thrown = err), true));
    const mapped = generationError(nlc, thrown, modelPath);
    assert.ok(mapped instanceof ModelRequestError);
    assert.equal(mapped.kind, 'malformed');
    assert.match(mapped.message, /rejected the function call the model wrote/);
  });
});
