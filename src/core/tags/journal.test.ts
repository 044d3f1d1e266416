import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { collectProblems } from '../formats/index.js';
import { foldTagEvents, targetKey, type TagTarget } from './events.js';
import { TagJournal } from './journal.js';

const target: TagTarget = { run: 'v0.11.0', model: 'gpt-oss-120b', split: 'CD', id: 'multiple_10' };
const writer = resolve('test/support/tagBurstWriter.ts');

async function tempJournal(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'rl-tags-')), '.robustlens', 'tags.jsonl');
}

function startWriter(file: string, who: string, count: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', writer, file, who, String(count)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const acked: string[] = [];
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    acked.push(...lines);
  });
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  return { child, acked, exited };
}

test('the state is the fold of add, remove and note events', async () => {
  const file = await tempJournal();
  const journal = new TagJournal(file, 'ana');
  await journal.add(target, 'cost_lure');
  await journal.add(target, 'value_error');
  await journal.remove(target, 'value_error');
  await journal.setNote(target, 'picked _Budget although it costs more');
  const { problems, sink } = collectProblems();
  const { events } = await journal.read(sink);
  const state = foldTagEvents(events).get(targetKey(target));
  assert.deepEqual(problems, []);
  assert.deepEqual([...(state?.tags ?? [])], ['cost_lure']);
  assert.equal(state?.note, 'picked _Budget although it costs more');
});

test('a torn last line is reported and skipped, and the next write starts a fresh line', async () => {
  const file = await tempJournal();
  const journal = new TagJournal(file, 'ana');
  await journal.add(target, 'cost_lure');
  await appendFile(file, '{"v":1,"event":"torn-by-crash","who":"ana","wh');
  const first = collectProblems();
  const read = await journal.read(first.sink);
  assert.equal(read.tornTail, true);
  assert.equal(read.events.length, 1);
  assert.match(first.problems[0]?.message ?? '', /torn last line/);
  await journal.add(target, 'latency_lure');
  const second = collectProblems();
  const after = await journal.read(second.sink);
  assert.equal(after.events.length, 2);
  assert.equal(second.problems[0]?.severity, 'error', 'the torn line is now in the middle, still skipped');
});

test('a journal with git conflict markers folds to the union of both sides', async () => {
  const file = await tempJournal();
  const ours = new TagJournal(file, 'ana');
  const a = await ours.add(target, 'cost_lure');
  const theirsFile = `${file}.theirs`;
  const b = await new TagJournal(theirsFile, 'ben').add({ ...target, id: 'multiple_18' }, 'wrong_count');
  const base = await readFile(file, 'utf8');
  await writeFile(file, `<<<<<<< HEAD\n${base}=======\n${await readFile(theirsFile, 'utf8')}>>>>>>> origin/main\n`);
  const { problems, sink } = collectProblems();
  const { events } = await ours.read(sink);
  assert.deepEqual(problems, []);
  assert.deepEqual(events.map((e) => e.event).sort(), [a.event, b.event].sort());
});

test('a write survives the file being replaced underneath (git pull)', async () => {
  const file = await tempJournal();
  const journal = new TagJournal(file, 'ana');
  const first = await journal.add(target, 'cost_lure');
  await writeFile(`${file}.pulled`, await readFile(file, 'utf8'));
  await rename(`${file}.pulled`, file);
  const second = await journal.add(target, 'value_error');
  const { events } = await journal.read(() => undefined);
  assert.deepEqual(events.map((e) => e.event), [first.event, second.event]);
});

test('killing a writer mid-burst loses no acknowledged tag', async () => {
  const file = await tempJournal();
  const run = startWriter(file, 'killed', 5000);
  await new Promise<void>((ready) => {
    const timer = setInterval(() => {
      if (run.acked.length >= 40) {
        clearInterval(timer);
        ready();
      }
    }, 5);
  });
  run.child.kill('SIGKILL');
  await run.exited;
  const { events } = await new TagJournal(file, 'reader').read(() => undefined);
  const onDisk = new Set(events.map((e) => e.event));
  assert.ok(run.acked.length >= 40 && run.acked.length < 5000, `killed after ${run.acked.length} acks`);
  assert.deepEqual(run.acked.filter((id) => !onDisk.has(id)), []);
});

test('two writers at once end with the union of their events', async () => {
  const file = await tempJournal();
  const a = startWriter(file, 'ana', 150);
  const b = startWriter(file, 'ben', 150);
  await Promise.all([a.exited, b.exited]);
  const { problems, sink } = collectProblems();
  const { events } = await new TagJournal(file, 'reader').read(sink);
  assert.deepEqual(problems, []);
  assert.equal(events.length, 300);
  assert.deepEqual(new Set(events.map((e) => e.event)), new Set([...a.acked, ...b.acked]));
  assert.equal(foldTagEvents(events).size, 300);
});
