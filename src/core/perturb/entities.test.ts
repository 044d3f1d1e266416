import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entitiesOf, lostEntity } from './entities.js';

const texts = (text: string) => entitiesOf(text).map((e) => `${e.kind}: ${e.text}`);

test('capitalised spans are names; a sentence-initial ordinary word is not', () => {
  assert.deepEqual(texts('Book 2 rooms in Lisbon for 3 nights.'), ['name: Lisbon']);
  assert.deepEqual(texts('Find flights from New York to San Francisco. Then book a cab.'), ['name: New York', 'name: San Francisco']);
  assert.deepEqual(texts('Find Italian restaurants in Rome'), ['name: Italian', 'name: Rome'], 'the sentence-initial word leaves the span');
  assert.deepEqual(texts("Can I get the Eiffel Tower's hours? I'm in Paris."), ['name: Eiffel Tower', 'name: Paris'], 'the pronoun I and a possessive are not part of a name');
});

test('a sentence-initial word is a name when it has inner capitals or is capitalised mid-sentence elsewhere', () => {
  assert.deepEqual(texts('NASA launches today. Compare the iPhone and eBay prices.'), ['name: NASA', 'name: iPhone', 'name: eBay']);
  assert.deepEqual(texts('Porto trains, then buses from Porto.'), ['name: Porto']);
  assert.deepEqual(texts('Porto trains, then buses to the coast.'), []);
});

test('an abbreviation does not end a sentence, so the name after it stays a name', () => {
  assert.deepEqual(texts('Cities, e.g. Lisbon, and a call with Dr. Silva'), ['name: Lisbon', 'name: Dr', 'name: Silva']);
  assert.deepEqual(texts('It is done. Lisbon is next.'), []);
});

test('quoted strings, URLs, e-mail addresses and dates are entities, matched before names', () => {
  const text = 'Play "Hey Jude" and \'Let It Be\', see https://example.com/a?b=1. Mail bob@example.org on 2024-03-01, 3/1/2024, March 3rd, 2024, 4 May or Monday.';
  assert.deepEqual(texts(text), [
    'quoted text: Hey Jude',
    'quoted text: Let It Be',
    'URL: https://example.com/a?b=1',
    'e-mail address: bob@example.org',
    'date: 2024-03-01',
    'date: 3/1/2024',
    'date: March 3rd, 2024',
    'date: 4 May',
    'date: Monday',
  ]);
  assert.deepEqual(texts("what's the 'special brew' you may 3D print"), ['quoted text: special brew', 'name: 3D'], 'an apostrophe opens no quote, lower-case "may" is no month');
});

test('a query quoted as a whole is not one quoted string', () => {
  assert.deepEqual(texts('"What is the weather in Lisbon?"'), ['name: Lisbon']);
});

test('an entity is lost when the rewrite lacks it as a whole word; case counts only when asked', () => {
  const original = 'Weather in Lisbon on March 3';
  assert.equal(lostEntity(original, 'weather in lisbon on march 3'), undefined);
  assert.deepEqual(lostEntity(original, 'weather in lisbon on march 3', true), { kind: 'date', text: 'March 3' });
  assert.deepEqual(lostEntity(original, 'weather in lisbon on March 3', true), { kind: 'name', text: 'Lisbon' });
  assert.deepEqual(lostEntity(original, 'Weather in Lisbonne on March 3'), { kind: 'name', text: 'Lisbon' });
  assert.equal(lostEntity(original, "Lisbon's weather on March  3"), undefined);
});
