import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseToolCallText } from './toolCallText.js';

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
