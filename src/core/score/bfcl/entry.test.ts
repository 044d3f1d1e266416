import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ToolSpec } from '../../schema/index.js';
import { checkCalls, scoreBfclEntry } from './entry.js';

const weather = { name: 'get_weather', description: '', parameters: { type: 'dict', properties: { city: { type: 'string' } }, required: ['city'] } } as ToolSpec;
const answers = [{ get_weather: { city: ['Paris'] } }];

test('irrelevance: right when nothing decodes to a call, wrong when a call is made', () => {
  for (const result of [[], '', 'I cannot help with that.', 'Error during inference: timeout', [{ get_weather: '"Paris"' }]]) {
    assert.equal(scoreBfclEntry({ category: 'irrelevance', functions: [weather], result }).valid, true, JSON.stringify(result));
  }
  const v = scoreBfclEntry({ category: 'live_irrelevance', functions: [weather], result: [{ get_weather: '{"city": "Paris"}' }] });
  assert.equal(v.valid, false);
  assert.equal(v.error_type, 'irrelevance_error:decoder_success');
  assert.deepEqual(v.error, ['Valid syntax. Successfully decode AST when it should not.']);
  assert.equal(v.explanation, 'expected no function call, but the model made 1: get_weather({"city": "Paris"})');
  assert.deepEqual(v.decoded, [{ get_weather: { city: 'Paris' } }]);
});

test('relevance: right when a call decodes, and BFCL’s message names the decode error or None', () => {
  assert.equal(scoreBfclEntry({ category: 'live_relevance', functions: [weather], result: '[get_weather(city="Paris")]' }).valid, true);
  const none = scoreBfclEntry({ category: 'live_relevance', functions: [weather], result: [] });
  assert.equal(none.error_type, 'relevance_error:decoder_failed');
  assert.deepEqual(none.error, ['Invalid syntax. Failed to decode AST when it should have. None']);
  assert.equal(none.explanation, 'expected a function call, but the model made none');
  const bad = scoreBfclEntry({ category: 'live_relevance', functions: [weather], result: [{ get_weather: '{"city": ' }] });
  assert.deepEqual(bad.error, ['Invalid syntax. Failed to decode AST when it should have. Expecting value: line 1 column 10 (char 9)']);
});

test('an output that does not decode fails with ast_decoder:decoder_failed', () => {
  const fc = scoreBfclEntry({ category: 'simple_python', functions: [weather], result: 'Error during inference: Request timed out.', mode: 'fc', groundTruth: answers });
  assert.equal(fc.error_type, 'ast_decoder:decoder_failed');
  assert.deepEqual(fc.error, ["Invalid syntax. Failed to decode AST. 'str' object has no attribute 'keys'"]);
  const text = scoreBfclEntry({ category: 'simple_python', functions: [weather], result: 'Sure! The weather is sunny.', groundTruth: answers });
  assert.equal(text.error_type, 'ast_decoder:decoder_failed');
  assert.match(text.explanation ?? '', /^the output could not be decoded as function calls: invalid syntax/);
});

test('arguments that are not a dict fail the format check', () => {
  const v = scoreBfclEntry({ category: 'simple_python', functions: [weather], result: [{ get_weather: '["Paris"]' }], groundTruth: answers });
  assert.equal(v.error_type, 'ast_decoder:decoder_wrong_output_format');
  assert.equal(v.explanation, 'call 1 get_weather: the arguments are list ["Paris"], not a dict of parameters');
});

test('the output shape picks the decoder; a string is prompting output unless told otherwise', () => {
  assert.equal(scoreBfclEntry({ category: 'simple_python', functions: [weather], result: "[get_weather(city='paris')]", groundTruth: answers }).valid, true);
  assert.equal(scoreBfclEntry({ category: 'simple_python', functions: [weather], result: [{ get_weather: '{"city": "Paris"}' }], groundTruth: answers }).valid, true);
  const java = scoreBfclEntry({ category: 'simple_java', functions: [weather], result: 'get_weather(city="Paris")', groundTruth: answers });
  assert.equal(java.error_type, 'unsupported:prompting_syntax');
});

test('an answer naming a function the question lacks is reported, not guessed', () => {
  const v = scoreBfclEntry({ category: 'multiple', functions: [weather], result: [{ get_news: '{}' }], groundTruth: [{ get_news: { topic: ['x'] } }] });
  assert.equal(v.error_type, 'bfcl:checker_raised');
  assert.match(v.explanation ?? '', /BFCL's checker raises TypeError/);
});

test('checkCalls scores calls our runner recorded, with real (dotted) names by default', () => {
  const factorial = { name: 'math.factorial', description: '', parameters: { type: 'dict', properties: { number: { type: 'integer' } }, required: ['number'] } } as ToolSpec;
  const golden = [{ 'math.factorial': { number: [5] } }];
  assert.equal(checkCalls({ category: 'simple_python', functions: [factorial], calls: [{ name: 'math.factorial', parameters: { number: 5 } }], groundTruth: golden }).valid, true);
  const v = checkCalls({ category: 'simple_python', functions: [factorial], calls: [{ name: 'math.factorial', parameters: { number: 6 } }], groundTruth: golden });
  assert.equal(v.explanation, 'call 1 math.factorial: parameter "number" expected one of [5] but got 6');
  assert.equal(checkCalls({ category: 'irrelevance', functions: [factorial], calls: [] }).valid, true);
  assert.equal(checkCalls({ category: 'live_relevance', functions: [factorial], calls: [] }).error_type, 'relevance_error:decoder_failed');
});

test('multi-turn categories and missing answers are caller errors', () => {
  assert.throws(() => scoreBfclEntry({ category: 'multi_turn_base', functions: [], result: [] }), /not a single-turn/);
  assert.throws(() => scoreBfclEntry({ category: 'simple_python', functions: [weather], result: [{ get_weather: '{"city": "Paris"}' }] }), /needs possible answers/);
});
