import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { collectProblems } from '../formats/index.js';
import { journalFor, journalOf, TagJournals } from './journals.js';

const target = { run: 'r', model: 'm', split: 'CD', id: 'a' };

async function withDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'rl-journals-'));
  try {
    await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function eventsIn(file: string): Promise<Array<{ op: string; tag?: string }>> {
  return (await readFile(file, 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { op: string; tag?: string });
}

test('a sample’s journal is the one next to the innermost results folder holding its file', () => {
  const ws = join('/', 'ws');
  const added = join('/', 'data', 'runs');
  const nested = join(ws, 'results');
  const folders = [ws, added, nested];
  assert.equal(journalFor(join(added, 'v1', 'p.jsonl'), folders), journalOf(added));
  assert.equal(journalFor(join(nested, 'bfcl-run'), folders), journalOf(nested));
  assert.equal(journalFor(join(ws, 'p.jsonl'), folders), join(ws, '.robustlens', 'tags.jsonl'));
  assert.equal(journalFor(join('/', 'elsewhere', 'p.jsonl'), folders), undefined);
});

test('each write lands in the journal it names, and the tags of all journals read as one', () =>
  withDir(async (dir) => {
    const a = journalOf(join(dir, 'a'));
    const b = journalOf(join(dir, 'b'));
    const journals = new TagJournals('tester');
    journals.setFiles([a, b]);
    await journals.load(() => undefined);
    await journals.add(a, target, 'value_error');
    await journals.add(b, { ...target, id: 'b' }, 'type_error');
    assert.deepEqual((await eventsIn(a)).map((e) => `${e.op} ${e.tag}`), ['add value_error']);
    assert.deepEqual((await eventsIn(b)).map((e) => `${e.op} ${e.tag}`), ['add type_error']);

    const fresh = new TagJournals('reader');
    fresh.setFiles([a, b]);
    const { problems, sink } = collectProblems();
    await fresh.load(sink);
    assert.deepEqual(problems, []);
    assert.deepEqual([...fresh.tagsOf(target)], ['value_error']);
    assert.deepEqual([...fresh.tagsOf({ ...target, id: 'b' })], ['type_error']);
  }));

test('a tag added in one journal and removed in another is removed: events fold in time order across journals', () =>
  withDir(async (dir) => {
    const old = journalOf(join(dir, 'workspace'));
    const own = journalOf(join(dir, 'results'));
    // Before tags went next to their results, this one went to the workspace's journal (a day earlier).
    await mkdir(dirname(old), { recursive: true });
    await writeFile(old, `${JSON.stringify({ v: 1, event: 'earlier-event-1', who: 'earlier', when: '2024-05-01T10:00:00.000Z', target, op: 'add', tag: 'value_error' })}\n`);
    const journals = new TagJournals('tester');
    journals.setFiles([old, own]);
    await journals.load(() => undefined);
    assert.deepEqual([...journals.tagsOf(target)], ['value_error']);
    await journals.remove(own, target, 'value_error');
    assert.deepEqual([...journals.tagsOf(target)], []);
    assert.deepEqual((await eventsIn(old)).map((e) => e.op), ['add'], 'the older journal is never rewritten');
  }));

test('dropping a journal from the list drops its tags; listing it again reads them back', () =>
  withDir(async (dir) => {
    const a = journalOf(join(dir, 'a'));
    const journals = new TagJournals('tester');
    journals.setFiles([a]);
    await journals.add(a, target, 'value_error');
    assert.equal(journals.setFiles([a]), false);
    assert.equal(journals.setFiles([]), true);
    assert.deepEqual([...journals.tagsOf(target)], []);
    journals.setFiles([a]);
    await journals.load(() => undefined);
    assert.deepEqual([...journals.tagsOf(target)], ['value_error']);
  }));
