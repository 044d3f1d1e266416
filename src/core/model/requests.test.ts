// What each backend puts on the wire, read back from a real loopback server's request log.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFaultServer, type FaultServer } from '../../../test/support/faultServer.js';
import { ConversationError } from './conversation.js';
import { OllamaBackend } from './ollama.js';
import { OpenAICompatibleBackend } from './openaiCompatible.js';
import type { ChatRequest } from './types.js';

let server: FaultServer;
before(async () => {
  server = await startFaultServer();
});
after(() => server.close());

/** A BFCL-style history: a dotted tool, BFCL's `dict`/`float` types, a past call without ids. */
const request: ChatRequest = {
  model: 'tiny',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Area of a circle of radius 2.5?' },
    { role: 'assistant', content: '', tool_calls: [{ name: 'geometry.area', parameters: { r: 2.5 } }] },
    { role: 'tool', content: '19.63' },
    { role: 'user', content: 'And radius 3?' },
  ],
  tools: [{ name: 'geometry.area', description: 'Area of a circle.', parameters: { type: 'dict', properties: { r: { type: 'float' } }, required: ['r'] } }],
  toolChoice: { name: 'geometry.area' },
  temperature: 0,
  maxTokens: 32,
  seed: 7,
};

function lastBody(): Record<string, unknown> {
  return server.requests.at(-1)?.body as Record<string, unknown>;
}

test('OpenAI dialect, native: safe names, JSON Schema types, ids pairing the tool result with its call', async () => {
  await new OpenAICompatibleBackend({ baseUrl: `${server.url}/v1/` }).chat(request);
  assert.equal(server.requests.at(-1)?.path, '/v1/chat/completions');
  const body = lastBody();
  assert.deepEqual(body.tools, [
    { type: 'function', function: { name: 'geometry_area', description: 'Area of a circle.', parameters: { type: 'object', properties: { r: { type: 'number' } }, required: ['r'] } } },
  ]);
  assert.deepEqual(body.tool_choice, { type: 'function', function: { name: 'geometry_area' } });
  assert.deepEqual(body.messages, [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Area of a circle of radius 2.5?' },
    { role: 'assistant', content: null, tool_calls: [{ id: 'call_0', type: 'function', function: { name: 'geometry_area', arguments: '{"r":2.5}' } }] },
    { role: 'tool', tool_call_id: 'call_0', content: '19.63', name: 'geometry_area' },
    { role: 'user', content: 'And radius 3?' },
  ]);
  assert.equal(body.temperature, 0);
  assert.equal(body.max_tokens, 32);
  assert.equal(body.seed, 7);
  assert.equal(body.stream, false);
});

test('OpenAI dialect: no tools means no tool fields at all', async () => {
  await new OpenAICompatibleBackend({ baseUrl: server.url }).chat({ model: 'tiny', messages: [{ role: 'user', content: 'hi' }], tools: [] });
  assert.ok(!('tools' in lastBody()) && !('tool_choice' in lastBody()));
});

test('Ollama dialect, native: arguments as objects, tool_name on results, options for the sampler and context', async () => {
  await new OllamaBackend({ baseUrl: `${server.url}/api`, numCtx: 8192 }).chat(request);
  assert.equal(server.requests.at(-1)?.path, '/api/chat');
  const body = lastBody();
  assert.deepEqual((body.messages as unknown[])[2], { role: 'assistant', content: '', tool_calls: [{ function: { name: 'geometry_area', arguments: { r: 2.5 } } }] });
  assert.deepEqual((body.messages as unknown[])[3], { role: 'tool', content: '19.63', tool_name: 'geometry_area' });
  assert.deepEqual(body.options, { temperature: 0, num_predict: 32, seed: 7, num_ctx: 8192 });
  assert.equal(body.stream, false);
  assert.equal((body.tools as unknown[]).length, 1);
  await new OllamaBackend({ baseUrl: server.url }).chat({ ...request, toolChoice: 'none' });
  assert.ok(!('tools' in lastBody()), "Ollama has no tool_choice: 'none' is sent as no tools");
});

test('prompt mode: tools in the system prompt, past calls and results as text, calls parsed from the answer', async () => {
  server.script({ kind: 'answer', content: '<tool_call>\n{"name": "geometry.area", "arguments": {"r": 3}}\n</tool_call>' });
  const result = await new OpenAICompatibleBackend({ baseUrl: server.url }).chat({ ...request, toolMode: 'prompt' });
  const body = lastBody();
  assert.ok(!('tools' in body));
  const messages = body.messages as { role: string; content: string }[];
  assert.equal(messages.length, 5);
  assert.match(messages[0]!.content, /^Be brief\.\n\n# Tools/);
  assert.match(messages[0]!.content, /<tools>\n\{"name":"geometry\.area"/);
  assert.match(messages[0]!.content, /You must call the function geometry\.area\./);
  assert.equal(messages[2]!.content, '<tool_call>\n{"name": "geometry.area", "arguments": {"r":2.5}}\n</tool_call>');
  assert.deepEqual(messages[3], { role: 'user', content: '<tool_response>\ngeometry.area: 19.63\n</tool_response>' });
  assert.deepEqual(result.toolCalls, [{ name: 'geometry.area', parameters: { r: 3 } }]);
  assert.equal(result.finishReason, 'tool_calls');
});

test("prompt mode, BFCL's Python style, through Ollama", async () => {
  server.script({ kind: 'answer', content: '[geometry.area(r=3.0)]' });
  const result = await new OllamaBackend({ baseUrl: server.url }).chat({ ...request, toolMode: 'prompt', promptStyle: 'python_list', toolChoice: 'auto' });
  const messages = (lastBody().messages as { content: string }[]).map((m) => m.content);
  assert.match(messages[0]!, /you MUST put it in the format of \[func_name1\(params_name1=params_value1/);
  assert.equal(messages[2], '[geometry.area(r=2.5)]');
  assert.deepEqual(result.toolCalls, [{ name: 'geometry.area', parameters: { r: 3 } }]);
});

test('a native call whose arguments are not JSON is kept visible: raw output and a parse error', async () => {
  server.script({ kind: 'answer', calls: [{ name: 'geometry_area', arguments: '{"r": 1' }, { name: 'geometry_area', arguments: { r: 2 } }] });
  const result = await new OpenAICompatibleBackend({ baseUrl: server.url, stream: true }).chat(request);
  assert.equal(result.rawOutput, '[{"name":"geometry.area","arguments":"{\\"r\\": 1"},{"name":"geometry.area","arguments":"{\\"r\\":2}"}]');
  assert.deepEqual(result.toolCalls, [{ name: 'geometry.area', parameters: { r: 2 } }]);
  assert.match(result.parseErrors?.[0] ?? '', /^geometry\.area: the arguments are not JSON/);
  assert.equal(result.finishReason, 'tool_calls');
});

test('a history the backend cannot send fails before any request, naming the message', async () => {
  const before = server.requests.length;
  const bad = { ...request, messages: [{ role: 'assistant' as const, content: '', tool_calls: [{ parameters: {} }] }] };
  await assert.rejects(new OpenAICompatibleBackend({ baseUrl: server.url }).chat(bad), (err: unknown) => err instanceof ConversationError && /message 1: a call without a name/.test(err.message));
  assert.equal(server.requests.length, before);
});
