import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ToolSpec } from '../../../schema/index.js';
import { scoreBfclEntry, type BfclVerdict } from '../entry.js';
import { pyJsonLoads } from '../../python/json.js';
import type { PyValue } from '../../python/values.js';
import { standardizeString } from './valueCheckers.js';

function tool(name: string, properties: Record<string, unknown>, required: string[] = []): ToolSpec {
  return { name, description: '', parameters: { type: 'dict', properties, required } } as ToolSpec;
}

/** One function-calling result, `{name: '<json args>'}` per call, against answers written as JSON. */
function score(category: string, functions: ToolSpec[], calls: Array<[string, string]>, answers: string): BfclVerdict {
  return scoreBfclEntry({
    category,
    functions,
    result: calls.map(([name, args]) => ({ [name]: args })),
    groundTruth: pyJsonLoads(answers) as PyValue[],
  });
}

const weather = tool('get_weather', { city: { type: 'string' }, unit: { type: 'string' }, days: { type: 'integer' }, temp: { type: 'float' } }, ['city']);

test('an int is accepted where a float is expected, not the reverse', () => {
  const answers = '[{"get_weather": {"city": ["Paris"], "temp": [5.0], "days": ["", 3]}}]';
  assert.equal(score('simple_python', [weather], [['get_weather', '{"city": "Paris", "temp": 5}']], answers).valid, true);
  const v = score('simple_python', [weather], [['get_weather', '{"city": "Paris", "temp": 5.0, "days": 3.0}']], answers);
  assert.equal(v.error_type, 'type_error:simple');
  assert.deepEqual(v.error, ["Incorrect type for parameter 'days'. Expected type integer, got float. Parameter value: 3.0."]);
  assert.equal(v.explanation, 'call 1 get_weather: parameter "days" should be integer but got float 3.0');
});

test('strings compare after standardisation: case, spaces and ,./-_*^ do not count', () => {
  const answers = '[{"get_weather": {"city": ["San Francisco, CA"], "unit": ["celsius", ""]}}]';
  assert.equal(score('simple_python', [weather], [['get_weather', '{"city": "san francisco ca", "unit": "CELSIUS"}']], answers).valid, true);
  const v = score('simple_python', [weather], [['get_weather', '{"city": "San Francisco", "unit": "Celsius (metric)"}']], answers);
  assert.equal(v.error_type, 'value_error:string');
  assert.deepEqual(v.error, ["Invalid value for parameter 'city': 'San Francisco'. Expected one of ['San Francisco, CA']. Case insensitive."]);
  const unit = score('simple_python', [weather], [['get_weather', '{"city": "San Francisco, CA", "unit": "Celsius (metric)"}']], answers);
  assert.equal(unit.explanation, 'call 1 get_weather: parameter "unit" expected one of ["celsius", ""] but got "Celsius (metric)" (compared ignoring case, spaces and ,./-_*^)');
  assert.equal(standardizeString("It's 5-6 P.M."), 'it"s56pm');
});

test('a parameter may be omitted only when "" is among its answers', () => {
  assert.equal(score('simple_python', [weather], [['get_weather', '{"city": "Paris"}']], '[{"get_weather": {"city": ["Paris"], "unit": ["", "celsius"]}}]').valid, true);
  const v = score('simple_python', [weather], [['get_weather', '{"city": "Paris"}']], '[{"get_weather": {"city": ["Paris"], "unit": ["celsius"]}}]');
  assert.equal(v.error_type, 'simple_function_checker:missing_optional');
  assert.deepEqual(v.error, ["Optional parameter 'unit' not provided and not marked as optional."]);
  const missing = score('simple_python', [weather], [['get_weather', '{"unit": "celsius"}']], '[{"get_weather": {"city": ["Paris"], "unit": ["celsius"]}}]');
  assert.equal(missing.error_type, 'simple_function_checker:missing_required');
  const extra = score('simple_python', [weather], [['get_weather', '{"city": "Paris", "country": "FR"}']], '[{"get_weather": {"city": ["Paris"]}}]');
  assert.equal(extra.error_type, 'simple_function_checker:unexpected_param');
  assert.equal(extra.explanation, `call 1 get_weather: unexpected parameter "country" (it is not in the function's schema)`);
});

const sorter = tool('sort', { items: { type: 'array', items: { type: 'string' } }, weights: { type: 'array', items: { type: 'float' } }, pair: { type: 'tuple', items: { type: 'integer' } } });

test('lists must match one answer in order, element strings standardised; item types are checked', () => {
  const answers = '[{"sort": {"items": [["New York", "b"]], "weights": [[1.0, 2.5]], "pair": ["", [1, 2]]}}]';
  assert.equal(score('simple_python', [sorter], [['sort', '{"items": ["new york", "B"], "weights": [1.0, 2.5]}']], answers).valid, true);
  const order = score('simple_python', [sorter], [['sort', '{"items": ["b", "New York"]}']], answers);
  assert.equal(order.error_type, 'value_error:list/tuple');
  assert.deepEqual(order.error, ["Invalid value for parameter 'items': ['b', 'New York']. Expected one of [['New York', 'b']]."]);
  const nested = score('simple_python', [sorter], [['sort', '{"items": ["New York", "b"], "weights": [1, 2]}']], answers);
  assert.equal(nested.error_type, 'type_error:nested');
  assert.deepEqual(nested.error, ["Nested type checking failed for parameter 'weights'. Expected outer type array with inner type <class 'float'>. Parameter value: [1, 2]."]);
  // BFCL's quirk: a "" answer has no items to check, so it lets any item type through.
  const optional = score('simple_python', [sorter], [['sort', '{"items": ["New York", "b"], "weights": [1, 2]}']], answers.replace('[[1.0, 2.5]]', '[[1.0, 2.5], ""]'));
  assert.equal(optional.error_type, 'value_error:list/tuple');
});

test('a Python tuple counts as the list its answer became in JSON', () => {
  const v = scoreBfclEntry({ category: 'simple_python', functions: [sorter], result: '[sort(items=["New York", "b"], pair=(1, 2))]', groundTruth: [{ sort: { items: [['New York', 'b']], pair: [[1, 2]] } }] });
  assert.equal(v.valid, true);
});

const config = tool('configure', { options: { type: 'dict' }, rules: { type: 'array', items: { type: 'dict' } } });

test('dict values: every key must be allowed, answer keys without "" must be present', () => {
  const answers = '[{"configure": {"options": [{"mode": ["fast"], "retries": ["", 3]}], "rules": [""]}}]';
  assert.equal(score('simple_python', [config], [['configure', '{"options": {"mode": "FAST"}}']], answers).valid, true);
  const key = score('simple_python', [config], [['configure', '{"options": {"mode": "fast", "debug": true}}']], answers);
  assert.equal(key.error_type, 'value_error:dict_key');
  assert.deepEqual(key.error, ["Unexpected dict key parameter: 'debug'."]);
  const value = score('simple_python', [config], [['configure', '{"options": {"mode": "slow"}}']], answers);
  assert.equal(value.error_type, 'value_error:dict_value');
  assert.deepEqual(value.error, ["Invalid value for parameter 'mode': 'slow'. Expected one of ['fast']."]);
  assert.equal(value.explanation, 'call 1 configure: parameter "options": key "mode" expected one of ["fast"] but got "slow"');
  const missing = score('simple_python', [config], [['configure', '{"options": {"retries": 3}}']], answers);
  assert.deepEqual(missing.error, ["Missing dict key parameter: 'mode'."]);
});

test('a list of dicts matches dict by dict, in order and in number', () => {
  const answers = '[{"configure": {"rules": [[{"id": [1]}, {"id": [2]}]]}}]';
  assert.equal(score('simple_python', [config], [['configure', '{"rules": [{"id": 1}, {"id": 2}]}']], answers).valid, true);
  assert.equal(score('simple_python', [config], [['configure', '{"rules": [{"id": 2}, {"id": 1}]}']], answers).error_type, 'value_error:dict_value');
  const count = score('simple_python', [config], [['configure', '{"rules": [{"id": 1}]}']], answers);
  assert.equal(count.error_type, 'value_error:list_dict_count');
  assert.deepEqual(count.error, ['Wrong number of dictionaries in the list.']);
});

test('a value of the answer’s own type is a "variable" and is compared as it is', () => {
  // The schema says integer, the answer is the name of a variable: the model may pass it.
  const counter = tool('count', { n: { type: 'integer' } }, ['n']);
  assert.equal(score('simple_python', [counter], [['count', '{"n": "total"}']], '[{"count": {"n": ["total"]}}]').valid, true);
  assert.equal(score('simple_python', [counter], [['count', '{"n": "TOTAL"}']], '[{"count": {"n": ["total"]}}]').error_type, 'value_error:others');
});

const spotify = tool('spotify.play', { artist: { type: 'string' }, duration: { type: 'integer' } }, ['artist', 'duration']);
const parallelAnswers = '[{"spotify.play": {"artist": ["Taylor Swift"], "duration": [20]}}, {"spotify.play": {"artist": ["Maroon 5"], "duration": [15]}}]';

test('parallel calls match the answers in any order, and the count must agree', () => {
  const swapped: Array<[string, string]> = [
    ['spotify_play', '{"artist": "Maroon 5", "duration": 15}'],
    ['spotify_play', '{"artist": "Taylor Swift", "duration": 20}'],
  ];
  assert.equal(score('parallel', [spotify], swapped, parallelAnswers).valid, true);
  const one = score('parallel', [spotify], swapped.slice(0, 1), parallelAnswers);
  assert.equal(one.error_type, 'parallel_function_checker_no_order:wrong_count');
  assert.equal(one.explanation, 'expected 2 call(s) but got 1: spotify_play');
});

test('a parallel call without a match reports every candidate, as BFCL does', () => {
  const v = score('parallel', [spotify], [['spotify_play', '{"artist": "Taylor Swift", "duration": 20}'], ['spotify_play', '{"artist": "Maroon 5", "duration": 10}']], parallelAnswers);
  assert.equal(v.error_type, 'parallel_function_checker_no_order:cannot_find_match');
  assert.deepEqual(v.error, [
    'Could not find a matching function among index [1] of model output for index 1 of possible answers.',
    {
      'Model Result Index 1': {
        sub_error: ["Invalid value for parameter 'duration': 10. Expected one of [15]."],
        sub_error_type: 'value_error:others',
        model_output_item: { spotify_play: { artist: 'Maroon 5', duration: 10 } },
        possible_answer_item: { 'spotify.play': { artist: ['Maroon 5'], duration: [15] } },
      },
    },
  ]);
  assert.equal(v.explanation, 'no call matches expected call 2 (spotify.play); closest is call 2: spotify_play: parameter "duration" expected one of [15] but got 10');
});

test('multiple: one call, checked against the function the answer names', () => {
  const other = tool('get_news', { topic: { type: 'string' } }, ['topic']);
  const answers = '[{"get_weather": {"city": ["Paris"]}}]';
  assert.equal(score('multiple', [other, weather], [['get_weather', '{"city": "Paris"}']], answers).valid, true);
  const wrong = score('multiple', [other, weather], [['get_news', '{"topic": "Paris"}']], answers);
  assert.equal(wrong.error_type, 'simple_function_checker:wrong_func_name');
  assert.deepEqual(wrong.error, ["Function name 'get_weather' not found in model output."]);
  assert.equal(score('multiple', [other, weather], [], answers).error_type, 'multiple_function_checker:wrong_count');
});

test('underscore_to_dot: a model that cannot use dots is expected to write math_factorial', () => {
  const factorial = tool('math.factorial', { number: { type: 'integer' } }, ['number']);
  const answers = '[{"math.factorial": {"number": [5]}}]';
  assert.equal(score('simple_python', [factorial], [['math_factorial', '{"number": 5}']], answers).valid, true);
  const dotted = score('simple_python', [factorial], [['math.factorial', '{"number": 5}']], answers);
  assert.equal(dotted.error_type, 'simple_function_checker:wrong_func_name');
  assert.equal(dotted.explanation, 'call 1 math.factorial: expected a call to math_factorial (math.factorial, spelled with underscores)');
  // Prompting output keeps the dots, so underscore_to_dot is off by default there.
  const prompting = scoreBfclEntry({ category: 'simple_python', functions: [factorial], result: '[math.factorial(number=5)]', groundTruth: pyJsonLoads(answers) as PyValue[] });
  assert.equal(prompting.valid, true);
});

test('a simple category needs exactly one call', () => {
  const v = score('simple_python', [weather], [], '[{"get_weather": {"city": ["Paris"]}}]');
  assert.equal(v.error_type, 'simple_function_checker:wrong_count');
  assert.deepEqual(v.error, ['Wrong number of functions.']);
  assert.equal(v.explanation, 'expected 1 call(s) but got 0: no call');
});

test('JavaScript arguments are source text, converted before the checks', () => {
  const js = tool('rotate', { vertices: { type: 'array', items: { type: 'float' } }, label: { type: 'String' }, opts: { type: 'dict' } });
  const answers = '[{"rotate": {"vertices": [[10.0, 15.5]], "label": ["a"], "opts": ["", {"deg": [30]}]}}]';
  assert.equal(score('simple_javascript', [js], [['rotate', '{"vertices": "[10.0, 15.5]", "label": "\'a\'"}']], answers).valid, true);
  const notText = score('simple_javascript', [js], [['rotate', '{"vertices": [10.0, 15.5]}']], answers);
  assert.equal(notText.error_type, 'type_error:js');
  assert.deepEqual(notText.error, ["Incorrect type for parameter 'vertices'. Expected type String, got list. Parameter value: [10.0, 15.5]."]);
  // Items are converted with the item type, so "10" becomes the float 10.0.
  assert.equal(score('simple_javascript', [js], [['rotate', '{"vertices": "[10, 15.5]", "label": "a"}']], answers).valid, true);
  assert.equal(score('simple_javascript', [js], [['rotate', '{"vertices": "[[10, 15.5]]"}']], answers).error_type, 'type_error:nested');
});
