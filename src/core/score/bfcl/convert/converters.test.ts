import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pyRepr } from '../../python/repr.js';
import { PyError } from '../../python/values.js';
import { javaTypeConverter } from './javaTypeConverter.js';
import { jsTypeConverter } from './jsTypeConverter.js';

const js = (value: string, type: string, nested?: string) => pyRepr(jsTypeConverter(value, type, nested));
const java = (value: string, type: string, nested?: string) => pyRepr(javaTypeConverter(value, type, nested));

// Cases from BFCL's own tests of its converters, plus its quirks seen in real score files.
test('JavaScript scalars', () => {
  assert.equal(js('true', 'Boolean'), 'True');
  assert.equal(js('123', 'integer'), '123');
  assert.equal(js('-3.14', 'float'), '-3.14');
  assert.equal(js('123n', 'Bigint'), '123');
  assert.equal(js('"abc"', 'String'), "'abc'");
  assert.equal(js('abc', 'String'), "'abc'");
  assert.equal(js('12.5', 'integer'), "'12.5'", 'text that is not an integer stays text');
  assert.throws(() => jsTypeConverter('1', 'InvalidType'), (e: unknown) => e instanceof PyError && e.message === 'Unsupported type: InvalidType');
});

test('JavaScript arrays and objects, with BFCL’s comma splitting', () => {
  assert.equal(js('[1, "two", true]', 'array'), "[1, 'two', True]");
  assert.equal(js('new Array(3.14, "pi", false)', 'array'), "[3.14, 'pi', False]");
  assert.equal(js(' [ [ 1, 2 ], [ 3,   4], [5, 6]]', 'array', 'array'), '[[1, 2], [3, 4], [5, 6]]');
  assert.equal(js('["hello", "world"]', 'array', 'String'), "['hello', 'world']");
  assert.equal(js('[]', 'array'), '[]');
  assert.equal(js("{'key1': 123, 'key2': 'value', 'key3': false}", 'dict'), "{'key1': 123, 'key2': 'value', 'key3': False}");
  assert.equal(
    js('{"initialState": initialStateObject, "middlewares": ["loggerMiddleware"], "enhancers": ["applyMiddleware", "myMiddleWare"]}', 'dict'),
    "{'initialState': 'initialStateObject', 'middlewares': ['loggerMiddleware'], 'enhancers': ['applyMiddleware', 'myMiddleWare']}",
  );
  // simple_javascript_21 and _29: objects inside arrays are split at every comma.
  assert.equal(js('[{"productId":101,"name":"Product A"}]', 'array', 'String'), `['{"productId":101', '"name":"Product A"}']`);
  assert.equal(js('{"setupStage": ["setupStageFunction", []], "cleanupStage": ["x"]}', 'dict'), "{'setupStage': ['setupStageFunction', '['], 'cleanupStage': ['x']}");
});

test('Java scalars', () => {
  assert.equal(java('true', 'boolean'), 'True');
  assert.equal(java('-123', 'integer'), '-123');
  assert.equal(java('3.14f', 'float'), '3.14');
  assert.equal(java('3e-3F', 'float'), '0.003');
  assert.equal(java('3.14e2', 'double'), '314.0');
  assert.equal(java('9223372036854775807L', 'long'), '9223372036854775807');
  assert.equal(java('3.14', 'float'), "'3.14'", 'a float without f stays text');
  assert.equal(java('a', 'char'), "'a'");
  assert.equal(java('123', 'any'), "'123'");
  assert.throws(() => javaTypeConverter('x', 'Queue'), (e: unknown) => e instanceof PyError && e.message === 'Queue conversion is not implemented');
});

test('Java collections', () => {
  assert.equal(java('new int[]{1, 2, 3}', 'Array'), '[1, 2, 3]');
  assert.equal(java('new int[] { }', 'Array'), '[]');
  assert.equal(java('new long[]{1L, 2, 3L}', 'Array', 'long'), "[1, '2', 3]");
  assert.equal(java('new ArrayList<>(Arrays.asList("a", "b"))', 'ArrayList'), "['a', 'b']");
  assert.equal(java('new ArrayList<Integer>(Arrays.asList(1, 2, 3))', 'ArrayList', 'integer'), '[1, 2, 3]');
  assert.equal(java('new ArrayList<Float>() {{ add(1.0f); add(2.0f); }}', 'ArrayList', 'float'), '[1.0, 2.0]');
  assert.equal(java('new ArrayList<>()', 'ArrayList'), '[]');
  assert.equal(java('new HashMap<String, Object>() {{ put("key1", 123); put("key2", true); }}', 'HashMap'), "{'key1': 123, 'key2': True}");
  assert.equal(java('new HashMap<>() {{ }}', 'HashMap'), '{}');
  assert.equal(java('Map.of()', 'HashMap'), "'Map.of()'");
});
