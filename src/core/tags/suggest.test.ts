import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { findBfclRunFiles, readBfclScoreFile } from '../formats/index.js';
import { isSingleTurnCategory } from '../score/bfcl/category.js';
import { BUILTIN_CATEGORIES } from './taxonomy.js';
import { categoryForErrorType, suggestCategory } from './suggest.js';

const runs = ['v0.10.2', 'v0.11.0'].map((r) => resolve('../shared/data/bfcl-results', r));
const builtin = new Set(BUILTIN_CATEGORIES.map((c) => c.id));

test('on the shared BFCL runs every single-turn failure is suggested the category of its BFCL error type', async (t) => {
  if (!runs.every(existsSync)) return t.skip('../shared/data/bfcl-results is absent');
  let checked = 0;
  for (const run of runs) {
    for (const file of await findBfclRunFiles(run)) {
      if (!file.scoreFile || !isSingleTurnCategory(file.category)) continue;
      const { failures } = await readBfclScoreFile(file.scoreFile, () => undefined);
      for (const { value } of failures.values()) {
        const decoded = Array.isArray(value.model_result_decoded) ? (value.model_result_decoded as Array<Record<string, Record<string, never>>>) : [];
        const calls = decoded.flatMap((c) => Object.entries(c).map(([name, parameters]) => ({ name, parameters })));
        const suggested = suggestCategory({ split: file.category, errorType: value.error_type!, calls, toolNames: [] });
        assert.ok(suggested && builtin.has(suggested), `${value.id}: ${value.error_type} → ${suggested}`);
        assert.equal(suggested, categoryForErrorType(value.error_type!));
        checked++;
      }
    }
  }
  assert.ok(checked > 1000, `checked ${checked}`);
});

test('a call to the _Budget distractor is the cost lure; to a _Fast one the latency lure', () => {
  const perturbation = { distractors: [{ name: 'get_weather_Budget', index: 0, for: 'get_weather' }] };
  const facts = { split: 'CD', errorType: 'simple_function_checker:wrong_func_name', perturbation, calls: [{ name: 'get_weather_Budget', parameters: {} }], toolNames: ['get_weather_Budget', 'get_weather'] };
  assert.equal(suggestCategory(facts), 'cost_lure');
  assert.equal(suggestCategory({ ...facts, split: 'TD', perturbation: { distractors: [{ name: 'get_weather_Budget' }] } }), 'latency_lure');
});

test('after a fault: no call is giving up, the same tool with other arguments is a changed retry', () => {
  const pass1Calls = [{ name: 'get_weather', parameters: { city: 'Lisbon' } }];
  const base = { split: 'rate_limit', perturbation: { fault: 'rate_limit' }, toolNames: ['get_weather'], pass1Calls };
  assert.equal(suggestCategory({ ...base, errorType: 'simple_function_checker:wrong_count', calls: [] }), 'no_retry_after_fault');
  assert.equal(suggestCategory({ ...base, errorType: 'value_error:string', calls: [{ name: 'get_weather', parameters: { city: 'Porto' } }] }), 'retry_changed_args');
});

test('a name outside the tool list is a hallucinated name; text without a call is an answer in text', () => {
  const base = { split: 'realistic_typos', perturbation: { edits: [] }, toolNames: ['occra_information'] };
  assert.equal(suggestCategory({ ...base, errorType: 'simple_function_checker:wrong_func_name', calls: [{ name: 'occcra_information', parameters: {} }] }), 'hallucinated_name');
  assert.equal(suggestCategory({ ...base, errorType: 'simple_function_checker:wrong_count', calls: [], rawOutput: 'An OCCRA account is…' }), 'answered_in_text');
  assert.equal(suggestCategory({ ...base, errorType: 'simple_function_checker:wrong_count', calls: [] }), 'no_call');
});
