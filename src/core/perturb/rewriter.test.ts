import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectProblems } from '../formats/index.js';
import { checkRewrite, cleanRewrite, rewriteText, type RewriteRequest, type Rewriter } from './rewriter.js';
import { RewriteCache } from './rewriteCache.js';

/** A rewriter that answers from a list, one answer per call, and records what it was asked. */
function scripted(answers: string[], id = 'test-model'): Rewriter & { requests: RewriteRequest[] } {
  const requests: RewriteRequest[] = [];
  return {
    id,
    requests,
    rewrite(request) {
      requests.push(request);
      return Promise.resolve(answers[requests.length - 1] ?? '');
    },
  };
}

test('the validator rejects empty, identical, number-changing and entity-dropping rewrites', () => {
  const original = 'Book 2 rooms in Lisbon for 3 nights.';
  const keep = ['Lisbon'];
  assert.match(checkRewrite(original, '  ', { keep })!, /empty/);
  assert.match(checkRewrite(original, 'Book 2  rooms in Lisbon for 3 nights.', { keep })!, /identical/);
  assert.match(checkRewrite(original, 'Reserve two rooms in Lisbon for 3 nights.', { keep })!, /numbers changed/);
  assert.match(checkRewrite(original, 'Reserve 2 rooms in Lisbon for 4 nights.', { keep })!, /numbers changed/);
  assert.match(checkRewrite(original, 'Reserve 2 rooms in Portugal for 3 nights.', { keep })!, /"Lisbon" was dropped/);
  assert.equal(checkRewrite(original, 'Reserve 2 rooms in lisbon for 3 nights.', { keep }), undefined);
  assert.match(checkRewrite('Short text.', 'A much much longer text than before.', { keep: [], lengthTolerance: 0.3 })!, /length changed/);
});

test('numbers are compared in order, with their multiplicities, after dropping thousands separators', () => {
  const original = 'List the primes between 1 and 1000.';
  assert.equal(checkRewrite(original, 'Give the primes from 1 to 1,000.', { keep: [] }), undefined);
  assert.equal(checkRewrite(original, 'Give the primes from 1 to 1 000.', { keep: [] }), undefined);
  assert.match(checkRewrite(original, 'List the primes between 1000 and 1.', { keep: [] })!, /numbers changed order \(1, 1000 → 1000, 1\)/);
  assert.match(checkRewrite(original, 'List the primes between 1 and 1 and 1000.', { keep: [] })!, /numbers changed \(1, 1000 → 1, 1, 1000\)/);
  assert.match(checkRewrite('Pour 3.5 litres.', 'Pour 35 litres.', { keep: [] })!, /numbers changed \(3\.5 → 35\)/);
  assert.equal(checkRewrite('Pay 1,250.75 EUR.', 'Transfer 1250.75 EUR.', { keep: [] }), undefined);
});

test('names, quoted text, dates, URLs and e-mail addresses of the input must survive, case aside', () => {
  const no = (original: string, rewrite: string) => checkRewrite(original, rewrite, { keep: [] });
  assert.match(no('Find hotels in Paris for 2 nights.', 'Find hotels in London for 2 nights.')!, /the name "Paris" was dropped or changed/);
  assert.equal(no('Find hotels in Paris for 2 nights.', 'Look for PARIS hotels for 2 nights.'), undefined);
  assert.match(no('Flights from New York, please.', 'Flights from York, please.')!, /the name "New York"/);
  assert.match(no('Book a table on March 3 at 8.', 'Book a table on May 3 at 8.')!, /the date "March 3" was dropped or changed/);
  assert.match(no('Open https://example.com/a now.', 'Open https://example.org/a now.')!, /the URL "https:\/\/example.com\/a"/);
  assert.match(no('Write to ana@example.com today.', 'Send a mail to ana@example.org today.')!, /the e-mail address "ana@example.com"/);
  assert.match(no('Search for "blue whale" songs.', 'Search for "grey whale" songs.')!, /the quoted text "blue whale"/);
  assert.equal(no('Search for "blue whale" songs.', 'Look up songs called “blue whale”.'), undefined);
  assert.equal(no('Book 2 rooms in Lisbon for 3 nights.', 'Reserve 2 rooms in Lisbon for 3 nights.'), undefined, 'a sentence-initial ordinary word may be reworded');
});

test('chat wrappers are stripped from a rewrite', () => {
  assert.equal(cleanRewrite('```\nHello there\n```', 'Hi there'), 'Hello there');
  assert.equal(cleanRewrite('"Hello there"', 'Hi there'), 'Hello there');
  assert.equal(cleanRewrite('"Hello" there', '"Hi" there'), '"Hello" there');
});

const job = {
  type: 'query_paraphrase',
  rowId: 'r1',
  seed: 42,
  instruction: 'Paraphrase.',
  text: 'Weather in Lisbon for 3 days?',
  validate: (t: string) => checkRewrite('Weather in Lisbon for 3 days?', t, { keep: ['Lisbon'] }),
};

test('a rejected rewrite is retried with the reason, up to the limit, then the case is skipped', async () => {
  const rewriter = scripted(['Weather in Lisbon for three days?', 'Lisbon weather for the next 3 days?']);
  const outcome = await rewriteText({ rewriter, cache: RewriteCache.inMemory() }, job);
  assert.deepEqual(outcome, { ok: true, text: 'Lisbon weather for the next 3 days?', attempts: 2 });
  assert.deepEqual(rewriter.requests.map((r) => r.attempt), [1, 2]);
  assert.match(rewriter.requests[1]!.instruction, /previous answer was rejected: the numbers changed/);

  const stubborn = scripted(['Weather in Lisbon for 3 days?', 'Weather in Lisbon for 3 days?']);
  const failed = await rewriteText({ rewriter: stubborn, cache: RewriteCache.inMemory(), maxAttempts: 2 }, job);
  assert.equal(failed.ok, false);
  assert.match(!failed.ok ? failed.reason : '', /rejected 2 time\(s\); last: the rewrite is identical/);
});

test('the cache file answers a rerun (successes and rejections) without asking the model again', async () => {
  const file = join(await mkdtemp(join(tmpdir(), 'rl-cache-')), 'rewrite-cache.jsonl');
  const { problems, sink } = collectProblems();
  const first = await RewriteCache.open(file, sink);
  const rewriter = scripted(['Lisbon weather for the next 3 days?']);
  await rewriteText({ rewriter, cache: first }, job);
  await rewriteText({ rewriter: scripted(['same', 'same', 'same']), cache: first }, { ...job, rowId: 'r2' });

  const second = await RewriteCache.open(file, sink);
  assert.equal(second.size, 2);
  const silent = scripted([]);
  assert.deepEqual(await rewriteText({ rewriter: silent, cache: second }, job), { ok: true, text: 'Lisbon weather for the next 3 days?', attempts: 1 });
  assert.equal((await rewriteText({ rewriter: silent, cache: second }, { ...job, rowId: 'r2' })).ok, false);
  assert.equal(silent.requests.length, 0);

  // Another model, seed or input is another key.
  const other = scripted(['Forecast for Lisbon, 3 days?', 'Lisbon forecast, 3 days?']);
  await rewriteText({ rewriter: { ...other, id: 'other-model' }, cache: second }, job);
  await rewriteText({ rewriter: other, cache: second }, { ...job, seed: 7 });
  assert.equal(other.requests.length, 2);
  assert.deepEqual(problems, []);
  const lines = (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(Object.keys(lines[0]!), ['key', 'type', 'id', 'seed', 'model', 'input_hash', 'output', 'attempts']);
});

test('a damaged cache line is a problem with file and line; the rest loads', async () => {
  const file = join(await mkdtemp(join(tmpdir(), 'rl-cache-')), 'c.jsonl');
  const cache = await RewriteCache.open(file, () => undefined);
  await rewriteText({ rewriter: scripted(['Lisbon weather for the next 3 days?']), cache }, job);
  await writeFile(file, `{"broken": \n${await readFile(file, 'utf8')}`);
  const { problems, sink } = collectProblems();
  const reopened = await RewriteCache.open(file, sink);
  assert.equal(reopened.size, 1);
  assert.equal(problems[0]?.line, 1);
});

test('a rewriter that fails is an error, not a skipped case, and nothing is cached', async () => {
  const cache = RewriteCache.inMemory();
  const broken: Rewriter = { id: 'm', rewrite: () => Promise.reject(new Error('HTTP 500 from http://x')) };
  await assert.rejects(rewriteText({ rewriter: broken, cache }, job), /HTTP 500/);
  assert.equal(cache.size, 0);
});
