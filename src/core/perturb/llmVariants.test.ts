import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRow, tool } from '../../../test/support/evalRows.js';
import { llmTypos, typoDistance, typoProblem } from './llmVariants.js';
import { RewriteCache } from './rewriteCache.js';
import type { Rewriter } from './rewriter.js';

const QUERY = 'What is the weather in Lisbon for 3 days?';

/**
 * Runs the LLM typo variant, once, on a row asking `query` with golden arguments `golden`,
 * against a model that answers `typed`: 'accepted', or the reason it was rejected.
 */
async function typos(typed: string, query = QUERY, golden: string[] = ['Lisbon']): Promise<string> {
  const row = makeRow({
    query,
    tools: [tool('get_weather', 'The weather forecast.', { city: { type: 'string' } })],
    golden: [{ name: 'get_weather', parameters: { city: golden } }],
  });
  const rewriter: Rewriter = { id: 'typist', rewrite: () => Promise.resolve(typed) };
  const result = await llmTypos(row, 1, { rewriter, cache: RewriteCache.inMemory(), maxAttempts: 1 });
  return result.ok ? 'accepted' : result.reason;
}

test('a swap of two adjacent letters is one edit, as are an insertion, a deletion and a substitution', () => {
  assert.equal(typoDistance('the', 'teh'), 1);
  assert.equal(typoDistance('weather', 'weatherr'), 1);
  assert.equal(typoDistance('weather', 'weathr'), 1);
  assert.equal(typoDistance('weather', 'wrather'), 1);
  assert.equal(typoDistance('kitten', 'sitting'), 3);
  assert.equal(typoDistance('', 'abc'), 3);
  assert.equal(typoDistance('ca', 'abc'), 3, 'optimal string alignment: a swapped pair is not edited again');
});

test('the typo variant needs 2 to 4 edits in all', async () => {
  assert.match(await typos('What is teh weather in Lisbon for 3 days?'), /last: 1 edit \(at least 2\)/);
  assert.equal(await typos('What is teh weather in Lisbon for 3 dyas?'), 'accepted', 'two swaps are two edits');
  assert.equal(await typos('Waht is teh waether in Lisbon for 3 dyas?'), 'accepted');
  assert.match(await typos('Waht is teh waether in Lisbon fro 3 dyas?'), /last: 5 edits \(at most 4\)/);
  assert.equal(await typos('What is the weathher in Lisbon for 3 dayss?'), 'accepted', 'doubled letters');
});

test('a typo is a misspelling of the word, never another word or a changed word count', async () => {
  assert.match(await typos('What is the forecast in Lisbon for 3 days?'), /"weather" became "forecast", \d+ edits: another word, not a typo \(at most 2 per word\)/);
  assert.match(await typos('What is the weather in Lisbon 3 days?'), /words were added or removed/);
  assert.equal(typoProblem('Find a hotle now', 'Find a hotel nwo'), undefined);
  assert.equal(typoProblem('a b', 'a b c'), 'words were added or removed, not just misspelt');
});

test('typos go into ordinary words only: entities, golden values and numbers stay as written', async () => {
  assert.match(await typos('What is teh weather in Lisbno for 3 days?'), /"Lisbon" was dropped or changed/);
  assert.match(await typos('What is teh weather in lisbon for 3 days?'), /a typo went into the name "Lisbon" \(only ordinary words may take one\)/);
  assert.match(await typos('What is teh weather in Lisbon for 4 dyas?'), /numbers changed/);
  assert.match(await typos('Weathr in Lisbon in celcius', 'Weather in Lisbon in celsius', ['celsius']), /"celsius" was dropped or changed/);
  assert.match(await typos('Show "Swan Lake" tickets for next wekeend in Lisbon', 'Show "Swan Lake" tickets for next weekend in Lisbon'), /1 edit/);
  assert.match(await typos('Show "Swan Laek" tcikets for next weekend in Lisbon', 'Show "Swan Lake" tickets for next weekend in Lisbon'), /quoted text "Swan Lake"/);
  assert.match(await typos('Open htps://example.com adn raed it', 'Open https://example.com and read it'), /URL "https:\/\/example.com"/);
  assert.match(await typos('Meet on Mrach 3 adn raed it', 'Meet on March 3 and read it'), /date "March 3"/);
});

test('a typo in the sentence-initial ordinary word is a typo like any other', async () => {
  assert.equal(await typos('Waht is the weather in Lisbon for 3 dyas?'), 'accepted');
});
