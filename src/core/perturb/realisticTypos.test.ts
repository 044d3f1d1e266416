import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { makeRow } from '../../../test/support/evalRows.js';
import { eligibleWords, realisticTypos, type TypoEdit } from './realisticTypos.js';
import { COMMON_MISSPELLINGS, QWERTY_NEIGHBOURS } from './typoTables.js';
import { fuzz } from '../../../test/support/fuzz.js';

const words = (text: string, golden: string[] = []) => eligibleWords(text, golden).map((w) => w.text);

test('numbers, dates, quoted text, URLs, e-mails and identifiers never take a typo', () => {
  const text = 'Book 3 tickets on 2024-05-01 for "Swan Lake" via https://tickets.example.com/book or mail help@example.com using get_tickets, bookTickets and math.factorial please';
  assert.deepEqual(words(text), ['Book', 'tickets', 'for', 'via', 'mail', 'using', 'and', 'please']);
});

test('proper nouns, acronyms, month names and golden-value words are kept; sentence-initial words are not proper nouns', () => {
  const text = 'Find flights from Paris to tokyo in March. Then book the NASA tour for Monday!';
  assert.deepEqual(words(text, ['tokyo']), ['Find', 'flights', 'from', 'Then', 'book', 'the', 'tour', 'for']);
});

test('single quotes protect quoted text but not apostrophes, and a query quoted as a whole is not one quoted string', () => {
  assert.deepEqual(words("what's the 'special brew' today"), ['what', 'the', 'today']);
  assert.deepEqual(words('"Compute the area of the circle."'), ['Compute', 'the', 'area', 'the', 'circle']);
});

test('a golden value is protected where it occurs even inside a longer word', () => {
  assert.deepEqual(words('Weather in Yorkshire and yorkshire today', ['york']), ['Weather', 'and', 'today']);
});

function applyEdits(original: string, edits: readonly TypoEdit[]): string {
  let text = original;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) {
    assert.equal(text.slice(e.offset, e.offset + e.before.length), e.before, 'metadata points at the changed characters');
    text = text.slice(0, e.offset) + e.after + text.slice(e.offset + e.before.length);
  }
  return text;
}

test('2–4 typos, each explained by kind, word, before/after and offset, reproduce the perturbed text', () => {
  const row = makeRow({ query: 'Could you please recommend a restaurant near the central station for tomorrow evening with their friends' });
  const result = realisticTypos(row, 7);
  assert.ok(result.ok);
  const meta = result.row.perturbation!.metadata as unknown as { edits: TypoEdit[]; message_index: number };
  assert.ok(meta.edits.length >= 2 && meta.edits.length <= 4);
  const original = row.conversation[0]!.content!;
  assert.equal(result.row.conversation[0]!.content, applyEdits(original, meta.edits));
  assert.equal(new Set(meta.edits.map((e) => e.word + e.offset)).size, meta.edits.length, 'one typo per word');
  for (const e of meta.edits) {
    assert.notEqual(e.typo, e.word);
    if (e.kind === 'adjacent_key') assert.ok(QWERTY_NEIGHBOURS[e.before.toLowerCase()]!.includes(e.after.toLowerCase()));
    if (e.kind === 'misspelling') assert.equal(COMMON_MISSPELLINGS.get(e.word.toLowerCase())?.toLowerCase(), e.after.toLowerCase());
  }
  assert.equal(result.row.id, row.id);
  assert.deepEqual(result.row.tools, row.tools);
  assert.deepEqual(result.row.golden_answers, row.golden_answers);
  assert.equal(row.conversation[0]!.content, original, 'the clean row is not modified');
});

test('the same (row id, type, seed) gives the same typos; another seed gives others', () => {
  const row = makeRow({ query: 'Please find a quiet restaurant with vegetarian options and outdoor seating near the river' });
  const a = JSON.stringify(realisticTypos(row, 42));
  assert.equal(JSON.stringify(realisticTypos(structuredClone(row), 42)), a);
  const others = [1, 2, 3, 4, 5].map((s) => JSON.stringify(realisticTypos(row, s)));
  assert.ok(others.some((o) => o !== a));
});

test('a query with fewer than two eligible words is skipped with a reason', () => {
  const result = realisticTypos(makeRow({ query: 'Factorial of 12345 "now"' }), 1);
  assert.equal(result.ok, false);
  assert.match(!result.ok ? result.reason : '', /only 1 word\(s\) may take a typo/);
  assert.equal(realisticTypos(makeRow({ query: '' }), 1).ok, false);
});

test('property: digits, quoted strings and golden values survive any typo', () => {
  const word = fc.stringMatching(/^[a-z]{3,9}$/);
  const piece = fc.oneof(
    word,
    word.map((w) => w[0]!.toUpperCase() + w.slice(1)),
    fc.integer({ min: 0, max: 99999 }).map(String),
    word.map((w) => `"${w} ${w}"`),
    word.map((w) => `${w}_${w}`),
  );
  fc.assert(
    fc.property(fc.array(piece, { minLength: 1, maxLength: 25 }), fc.nat(), fc.subarray(['alpha', 'brave', 'crane']), (pieces, seed, golden) => {
      const query = `${pieces.join(' ')} alpha brave crane`;
      const row = makeRow({ query, golden: [{ name: 'get_weather', parameters: { x: golden.length ? golden : ['value'] } }] });
      const result = realisticTypos(row, seed);
      if (!result.ok) return;
      const text = result.row.conversation[0]!.content!;
      assert.deepEqual(text.match(/\d+/g) ?? [], query.match(/\d+/g) ?? []);
      for (const quoted of query.match(/"[^"]*"/g) ?? []) assert.ok(text.includes(quoted), quoted);
      for (const value of golden) assert.ok(text.includes(value), value);
      for (const id of query.match(/\w+_\w+/g) ?? []) assert.ok(text.includes(id), id);
    }),
    fuzz(300),
  );
});
