import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRow, tool } from '../../../test/support/evalRows.js';
import { evalRow } from '../schema/index.js';
import { perturb } from './engine.js';
import { llmRedundant, llmTypos } from './llmVariants.js';
import { paraphraseParameterDescriptions, paraphraseToolDescriptions, queryParaphrase } from './paraphrase.js';
import { RewriteCache } from './rewriteCache.js';
import type { RewriteRequest, Rewriter } from './rewriter.js';

/** A stand-in model: rewrites by swapping a few words, so every answer keeps numbers and names. */
function wordSwapper(answer?: (request: RewriteRequest) => string): Rewriter & { requests: RewriteRequest[] } {
  const requests: RewriteRequest[] = [];
  const swap = (text: string) => text.replace(/\bCalculate\b/g, 'Compute').replace(/\bweather\b/g, 'forecast').replace(/\bThe\b/g, 'This');
  return {
    id: 'swapper',
    requests,
    rewrite(request) {
      requests.push(request);
      return Promise.resolve(answer ? answer(request) : swap(request.text));
    },
  };
}

const area = tool('calc_area', 'Calculate the area of a room.', {
  width: { type: 'number', description: 'The width in metres.' },
  unit: { type: 'string' },
});
const row = makeRow({
  query: 'What is the weather in Lisbon for 3 days?',
  tools: [area, tool('get_weather', 'The weather today.'), tool('noop', '')],
  golden: [{ name: 'calc_area', parameters: { width: [3] } }],
});

test('query_paraphrase rewrites the last user message and records before/after', async () => {
  const rewriter = wordSwapper();
  const result = await queryParaphrase(row, 42, { rewriter, cache: RewriteCache.inMemory() });
  assert.ok(result.ok);
  assert.equal(result.row.conversation[0]!.content, 'What is the forecast in Lisbon for 3 days?');
  assert.deepEqual(result.row.perturbation, {
    type: 'query_paraphrase',
    mdp_category: 'observation',
    metadata: { message_index: 0, model: 'swapper', attempts: 1, before: row.conversation[0]!.content, after: 'What is the forecast in Lisbon for 3 days?' },
  });
  assert.match(rewriter.requests[0]!.instruction, /Keep every location, name, number/);
});

test('paraphrase_tool_description rewrites every non-empty description, and nothing else', async () => {
  const result = await paraphraseToolDescriptions(row, 42, { rewriter: wordSwapper(), cache: RewriteCache.inMemory() });
  assert.ok(result.ok);
  assert.deepEqual(result.row.tools.map((t) => t.description), ['Compute the area of a room.', 'This forecast today.', '']);
  assert.deepEqual(result.row.tools.map((t) => t.parameters), row.tools.map((t) => t.parameters));
  assert.deepEqual(result.row.golden_answers, row.golden_answers);
  assert.ok(evalRow.safeParse(result.row).success);
});

test('paraphrase_parameter_description rewrites described parameters only, schema otherwise intact', async () => {
  const rewriter = wordSwapper((r) => r.text.replace('The width', 'Width').replace('The x.', 'Its x.'));
  const result = await paraphraseParameterDescriptions(row, 42, { rewriter, cache: RewriteCache.inMemory() });
  assert.ok(result.ok);
  assert.deepEqual(result.row.tools[0]!.parameters, {
    type: 'dict',
    properties: { width: { type: 'number', description: 'Width in metres.' }, unit: { type: 'string' } },
    required: ['width', 'unit'],
  });
  assert.equal(rewriter.requests.length, 3, 'width, and the x of the two other tools');
  assert.match(rewriter.requests[0]!.instruction, /parameter `width` of the software tool `calc_area`/);
});

test('a description the model cannot paraphrase acceptably skips the whole row, never half of it', async () => {
  const lazy = wordSwapper((r) => r.text);
  const result = await paraphraseToolDescriptions(row, 42, { rewriter: lazy, cache: RewriteCache.inMemory(), maxAttempts: 2 });
  assert.equal(result.ok, false);
  assert.match(!result.ok ? result.reason : '', /description of calc_area: rewrite rejected 2 time\(s\)/);
});

test('the LLM typo variant accepts only a few misspelt words', async () => {
  const ok = await llmTypos(row, 1, { rewriter: wordSwapper(() => 'What is teh weather in Lisbon for 3 dyas?'), cache: RewriteCache.inMemory() });
  assert.ok(ok.ok);
  assert.equal(ok.row.perturbation?.variant, 'llm');
  const reworded = await llmTypos(row, 1, { rewriter: wordSwapper(() => 'Tell me the Lisbon weather for 3 days'), cache: RewriteCache.inMemory(), maxAttempts: 1 });
  assert.match(!reworded.ok ? reworded.reason : '', /words were added or removed/);
});

test('the LLM redundant variant adds generated tools with fresh names before the golden tool', async () => {
  const generated = [{ name: 'calc_perimeter', description: 'Perimeter of a room.', parameters: { type: 'dict', properties: {}, required: [] } }];
  const rewriter = wordSwapper((r) => (r.instruction.includes('Invent 1 new') ? JSON.stringify(generated) : JSON.stringify([...generated, { ...generated[0], name: 'calc_volume' }])));
  const result = await llmRedundant(row, 42, { rewriter, cache: RewriteCache.inMemory() });
  assert.ok(result.ok);
  const names = result.row.tools.map((t) => t.name);
  assert.deepEqual(names.slice(0, 2), ['get_weather', 'noop']);
  assert.equal(names.at(-1), 'calc_area');
  assert.ok(names.includes('calc_perimeter'));
  const clash = await llmRedundant(row, 42, { rewriter: wordSwapper(() => JSON.stringify([{ ...generated[0], name: 'noop' }, { ...generated[0], name: 'noop' }])), cache: RewriteCache.inMemory(), maxAttempts: 1 });
  assert.match(!clash.ok ? clash.reason : '', /already taken/);
});

test('the engine sends LLM types to the rewriter, refuses them without one, and never re-perturbs a row', async () => {
  const noRewriter = await perturb('query_paraphrase', row, { seed: 1 });
  assert.match(!noRewriter.ok ? noRewriter.reason : '', /needs a rewriter/);
  const viaRule = await perturb('realistic_typos', row, { seed: 1 });
  assert.ok(viaRule.ok);
  assert.equal(viaRule.row.perturbation?.variant, undefined);
  const again = await perturb('CD', viaRule.row, { seed: 1 });
  assert.match(!again.ok ? again.reason : '', /already perturbed/);
  const viaLlm = await perturb('realistic_typos', row, { seed: 1, llmVariants: ['realistic_typos'], rewrite: { rewriter: wordSwapper(() => 'What is teh weather in Lisbon for 3 dyas?'), cache: RewriteCache.inMemory() } });
  assert.equal(viaLlm.ok && viaLlm.row.perturbation?.variant, 'llm');
});
