import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { fuzz } from '../../../test/support/fuzz.js';
import type { JsonObject, JsonValue, ToolCall } from '../schema/index.js';
import { floatRepr, strRepr } from '../score/python/repr.js';
import { MAX_ARGUMENT_DEPTH, readCallObject } from './callObject.js';
import { type CallSyntax, MAX_ANSWER_CHARS, parseToolCallText, type TextCalls } from './toolCallText.js';

test('<tool_call> blocks: one JSON object each, or one per line as ToolRL writes them', () => {
  const text = [
    '<think>two lookups</think>',
    '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>',
    '<tool_call>\n{"name": "a", "parameters": {"x": 1}}\n{"name": "b", "arguments": "{\\"y\\": [2]}"}\n</tool_call>',
  ].join('\n');
  const parsed = parseToolCallText(text);
  assert.equal(parsed.syntax, 'tool_call_tags');
  assert.deepEqual(parsed.calls, [
    { name: 'get_weather', parameters: { city: 'Paris' } },
    { name: 'a', parameters: { x: 1 } },
    { name: 'b', parameters: { y: [2] } },
  ]);
  assert.deepEqual(parsed.errors, []);
});

test('a <tool_call> block the answer ended inside is still read; a broken one is reported', () => {
  assert.deepEqual(parseToolCallText('<tool_call>\n{"name": "f", "arguments": {}}').calls, [{ name: 'f', parameters: {} }]);
  const broken = parseToolCallText('<tool_call>\n{"name": "f", "arguments": {"a": 1,}}\n</tool_call>');
  assert.deepEqual(broken.calls, []);
  assert.equal(broken.syntax, 'tool_call_tags');
  assert.match(broken.errors[0] ?? '', /not JSON/);
});

test('fenced JSON: a call or a list of calls, with arguments or parameters', () => {
  const text = 'I will call it.\n```json\n[{"name": "math.factorial", "parameters": {"n": 5}}, {"function": {"name": "g", "arguments": {}}}]\n```';
  const parsed = parseToolCallText(text);
  assert.equal(parsed.syntax, 'fenced_json');
  assert.deepEqual(parsed.calls, [
    { name: 'math.factorial', parameters: { n: 5 } },
    { name: 'g', parameters: {} },
  ]);
});

test('a fence holding other JSON is not a call', () => {
  assert.deepEqual(parseToolCallText('The result:\n```json\n{"temperature": 21}\n```'), { calls: [], errors: [] });
});

test("ReAct: Action and Action Input, up to the next keyword", () => {
  const text = 'Thought: I need the weather.\nAction: get_weather\nAction Input: {"city": "Paris",\n  "unit": "celsius"}\nObservation: 21C\nThought: done\nFinal Answer: 21C';
  const parsed = parseToolCallText(text);
  assert.equal(parsed.syntax, 'react');
  assert.deepEqual(parsed.calls, [{ name: 'get_weather', parameters: { city: 'Paris', unit: 'celsius' } }]);
  const bad = parseToolCallText('Action: search\nAction Input: weather in Paris');
  assert.match(bad.errors[0] ?? '', /Action search: the Action Input is not a JSON object/);
});

test("BFCL's Python list: keyword arguments, dotted names, Python literals", () => {
  const parsed = parseToolCallText("[math.factorial(number=5), get_weather(city='Paris', days=[1, 2], metric=True, note=None)]");
  assert.equal(parsed.syntax, 'python_list');
  assert.deepEqual(parsed.calls, [
    { name: 'math.factorial', parameters: { number: 5 } },
    { name: 'get_weather', parameters: { city: 'Paris', days: [1, 2], metric: true, note: null } },
  ]);
  assert.deepEqual(parseToolCallText('```python\nf(a=1.5)\n```').calls, [{ name: 'f', parameters: { a: 1.5 } }]);
});

test('a Python list that does not parse is reported, not guessed', () => {
  const parsed = parseToolCallText('[f(a=1, b=)]');
  assert.equal(parsed.syntax, 'python_list');
  assert.deepEqual(parsed.calls, []);
  assert.match(parsed.errors[0] ?? '', /not a Python call list \(SyntaxError/);
});

test('a bare JSON call (Llama 3.x style); plain prose holds no call', () => {
  assert.deepEqual(parseToolCallText('{"name": "f", "parameters": {"a": "b"}}').calls, [{ name: 'f', parameters: { a: 'b' } }]);
  assert.deepEqual(parseToolCallText('None of the functions can answer that.'), { calls: [], errors: [] });
  assert.deepEqual(parseToolCallText('Sure (as far as I know) it is sunny.'), { calls: [], errors: [] });
  assert.deepEqual(parseToolCallText('[1, 2, 3]'), { calls: [], errors: [] });
});

// --- round trip and hostile answers ----------------------------------------------------------

const PYTHON_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' '),
);
const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/).filter((name) => !PYTHON_KEYWORDS.has(name));
const calls = fc.array(
  fc.record({
    name: identifier,
    parameters: fc.dictionary(identifier, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }) as fc.Arbitrary<JsonObject>,
  }),
  { minLength: 1, maxLength: 3 },
);

/** A JSON value as a Python literal: what a model asked for BFCL's Python list writes. */
function python(value: JsonValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : floatRepr(value);
  if (typeof value === 'string') return strRepr(value);
  if (Array.isArray(value)) return `[${value.map(python).join(', ')}]`;
  return `{${Object.entries(value).map(([k, v]) => `${strRepr(k)}: ${python(v)}`).join(', ')}}`;
}

const RENDER: Record<CallSyntax, (calls: ToolCall[]) => string> = {
  tool_call_tags: (cs) => cs.map((c) => `<tool_call>\n${JSON.stringify({ name: c.name, arguments: c.parameters })}\n</tool_call>`).join('\n'),
  fenced_json: (cs) => `Calling:\n\`\`\`json\n${JSON.stringify(cs.map((c) => ({ name: c.name, parameters: c.parameters })))}\n\`\`\``,
  react: (cs) => cs.map((c) => `Thought: call it\nAction: ${c.name}\nAction Input: ${JSON.stringify(c.parameters)}\nObservation: done`).join('\n'),
  python_list: (cs) => `[${cs.map((c) => `${c.name}(${Object.entries(c.parameters).map(([k, v]) => `${k}=${python(v)}`).join(', ')})`).join(', ')}]`,
  bare_json: (cs) => JSON.stringify(cs.map((c) => ({ name: c.name, parameters: c.parameters }))),
};

test('calls rendered in every syntax parse back to the same calls', () => {
  fc.assert(
    fc.property(calls, fc.constantFrom(...(Object.keys(RENDER) as CallSyntax[])), (cs, syntax) => {
      const expected = JSON.parse(JSON.stringify(cs)) as ToolCall[];
      assert.deepEqual(parseToolCallText(RENDER[syntax](cs)), { calls: expected, syntax, errors: [] });
    }),
    fuzz(300),
  );
});

const markers = fc.constantFrom('<tool_call>', '</tool_call>', '```json\n', '```', 'Action: f\n', 'Action Input: ', 'Observation:', '[f(', 'a=', '{"name": "f"', '"arguments": ', '[', ']', '{', '}', '(', ')', "'", '"', '\\', ',', ' ', '\n', '1');

test('no answer makes the parser throw; what it cannot read is a bounded list of errors', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: markers, maxLength: 60 }), fc.string({ unit: 'binary' })), (text) => {
      const parsed = parseToolCallText(text);
      assert.ok(Array.isArray(parsed.calls));
      assert.ok(parsed.errors.length <= 21);
    }),
    fuzz(300),
  );
});

test('hostile answers are parse errors: too long, too deep, crafted, or quadratic for a regex', () => {
  const huge = parseToolCallText('['.repeat(1 << 20));
  assert.deepEqual(huge, { calls: [], errors: [`the answer is ${1 << 20} characters long, over the ${MAX_ANSWER_CHARS} read for tool calls`] });
  assert.match(parseToolCallText(`[f(a=${'['.repeat(5000)}${']'.repeat(5000)})]`).errors[0] ?? '', /too many nested parentheses/);
  assert.match(parseToolCallText(`f(a=${'+:" "'.repeat(4000)})`).errors[0] ?? '', /not a Python call list \(SyntaxError: invalid syntax/);
  const deepJson = `{"name": "f", "arguments": {"x": ${'['.repeat(60)}1${']'.repeat(60)}}}`;
  assert.deepEqual(parseToolCallText(deepJson).errors, [`f: the arguments nest deeper than ${MAX_ARGUMENT_DEPTH} levels`]);
  // A native answer's call (OpenAI form, arguments as text) meets the same limit.
  const native = readCallObject({ id: 'call_0', type: 'function', function: { name: 'f', arguments: `{"x": ${'['.repeat(60)}1${']'.repeat(60)}}` } });
  assert.equal(native, `f: the arguments nest deeper than ${MAX_ARGUMENT_DEPTH} levels`);
  // A regex over the whole answer backtracked quadratically on these.
  assert.deepEqual(parseToolCallText(`Action: f${' '.repeat(100_000)}\nAction Input: {}`).calls, [{ name: 'f', parameters: {} }]);
  assert.deepEqual(parseToolCallText(`Action:${' '.repeat(100_000)}\u2028`), { calls: [], errors: [] });
});

/** What each file of the hostile corpus must give, by file name (test/fixtures/hostile/README.md). */
const CORPUS: Record<string, (parsed: TextCalls) => void> = {
  'answer-python-crafted-call.txt': (p) => assert.match(p.errors.join('\n'), /^not a Python call list \(SyntaxError: invalid syntax \(<unknown>, line 1\)\)/),
  'answer-python-deep-literal.txt': (p) => assert.match(p.errors.join('\n'), /^not a Python call list \(SyntaxError: too many nested parentheses/),
  'answer-python-operator-chain.txt': (p) => assert.match(p.errors.join('\n'), /^not a Python call list \(SyntaxError: nested more than 100 levels deep/),
  'answer-python-huge-product.txt': (p) => assert.match(p.errors.join('\n'), /^not a Python call list \(MemoryError: result too large to evaluate\)/),
  'answer-python-many-keys.txt': (p) => assert.equal(Object.keys(p.calls[0]?.parameters.options ?? {}).length, 2000),
  'answer-react-spaces.txt': (p) => assert.deepEqual(p, { calls: [], errors: [] }),
  'answer-tags-unclosed.txt': (p) => assert.deepEqual([p.errors.length, p.errors.at(-1)], [21, '… and 980 more']),
  'answer-deep-arguments.txt': (p) => assert.deepEqual(p.errors, [`get_weather: the arguments nest deeper than ${MAX_ARGUMENT_DEPTH} levels`]),
};

test('the hostile corpus: each model answer gives its expected outcome and no call', async () => {
  for (const [file, check] of Object.entries(CORPUS)) {
    const parsed = parseToolCallText(await readFile(resolve('test/fixtures/hostile', file), 'utf8'));
    check(parsed);
    if (file !== 'answer-python-many-keys.txt') assert.deepEqual(parsed.calls, [], file);
  }
});
