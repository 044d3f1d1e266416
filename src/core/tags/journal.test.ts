import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { collectProblems } from '../formats/index.js';
import { foldTagEvents, targetKey, type TagTarget } from './events.js';
import { TagJournal } from './journal.js';
import fc from 'fast-check';
import { fuzz } from '../../../test/support/fuzz.js';

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

function ackedAtLeast(run: { acked: string[] }, count: number): Promise<void> {
  return new Promise<void>((ready) => {
    const timer = setInterval(() => {
      if (run.acked.length >= count) {
        clearInterval(timer);
        ready();
      }
    }, 5);
  });
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
  await ackedAtLeast(run, 40);
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

test('invalid UTF-8 in an earlier line and a torn tail: each intact event loads once, the next append is a line of its own (hostile fixture)', async () => {
  const file = join(await mkdtemp(join(tmpdir(), 'rl-tags-')), 'tags.jsonl');
  await writeFile(file, await readFile(resolve('test/fixtures/hostile/tags-invalid-utf8-torn-tail.jsonl')));
  const journal = new TagJournal(file, 'ana');
  const first = collectProblems();
  const read = await journal.read(first.sink);
  assert.deepEqual(read.events.map((e) => e.tag), ['cost_lure', 'naïve_ümlaut'], 'the damaged event is not loaded with U+FFFD in its tag');
  assert.equal(read.tornTail, true);
  assert.deepEqual(first.problems.map((p) => [p.line, p.severity, p.message]), [
    [2, 'error', 'not valid UTF-8; skipped'],
    [4, 'warning', 'a torn last line (an interrupted write); skipped'],
  ]);
  const added = await journal.add(target, 'after_the_crash');
  const after = await journal.read(() => undefined);
  assert.deepEqual(after.events.map((e) => e.tag), ['cost_lure', 'naïve_ümlaut', 'after_the_crash']);
  assert.equal(after.events[2]?.event, added.event);
  await appendFile(file, Buffer.from('{"v":1,"tag":"é').subarray(0, -1));
  const torn = collectProblems();
  await journal.read(torn.sink);
  assert.equal(torn.problems.at(-1)?.severity, 'warning', 'a write torn inside a character is a torn line, not damage');
});

test('killed mid-burst, then a damaged byte and a torn tail: a second writer appends, every intact event loads exactly once', async () => {
  const file = await tempJournal();
  const killed = startWriter(file, 'killed', 5000);
  await ackedAtLeast(killed, 20);
  killed.child.kill('SIGKILL');
  await killed.exited;
  const bytes = await readFile(file);
  const lines = bytes.toString('latin1').split('\n');
  const victim = (JSON.parse(lines[5]!) as { event: string }).event;
  lines[5] = lines[5]!.replace('"who"', '"w\xffho"');
  await writeFile(file, Buffer.from(`${lines.join('\n')}{"v":1,"event":"torn-by-crash","who":"killed","wh`, 'latin1'));

  const resumed = startWriter(file, 'resumed', 20);
  await resumed.exited;
  const { problems, sink } = collectProblems();
  const ids = (await new TagJournal(file, 'reader').read(sink)).events.map((e) => e.event);
  assert.equal(new Set(ids).size, ids.length, 'no event twice');
  assert.deepEqual([...killed.acked, ...resumed.acked].filter((id) => id !== victim && !ids.includes(id)), [], 'every intact acknowledged event is there');
  assert.ok(!ids.includes(victim));
  assert.deepEqual(problems.map((p) => [p.line, p.message]), [
    [6, 'not valid UTF-8; skipped'],
    [lines.length, 'not valid JSON; skipped'],
  ]);
});

test('a line nested thousands of levels deep is an error and skipped, even as the last line; the rest is read', async () => {
  const file = await tempJournal();
  const journal = new TagJournal(file, 'ana');
  const deep = `{"v":1,"event":"deep-event","target":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
  await journal.add(target, 'cost_lure');
  await appendFile(file, `${deep}\n`);
  await journal.add(target, 'value_error');
  await appendFile(file, deep);
  const { problems, sink } = collectProblems();
  const { events } = await journal.read(sink);
  assert.deepEqual([...(foldTagEvents(events).get(targetKey(target))?.tags ?? [])], ['cost_lure', 'value_error']);
  assert.deepEqual(
    problems.map((p) => [p.line, p.severity, p.message]),
    [
      [2, 'error', 'nested deeper than 100 levels; skipped'],
      [4, 'error', 'nested deeper than 100 levels; skipped'],
    ],
  );
});

test('property: whatever is tagged, with whatever names, and whatever torn tail follows, a read returns every appended event once', async () => {
  const name = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', 'CD', '\u001b[2J', 'é'), fc.string({ minLength: 1, maxLength: 12 }));
  const change = fc.record({
    target: fc.record({ run: name, model: name, split: name, id: name }),
    op: fc.constantFrom('add' as const, 'remove' as const, 'note' as const),
    text: fc.string({ minLength: 1, maxLength: 20 }),
  });
  await fc.assert(
    fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 8 }), fc.uint8Array({ maxLength: 40 }), async (changes, tail) => {
      const file = await tempJournal();
      const journal = new TagJournal(file, 'fuzzer');
      const appended = [];
      for (const c of changes) {
        appended.push(await (c.op === 'note' ? journal.setNote(c.target, c.text) : c.op === 'add' ? journal.add(c.target, c.text) : journal.remove(c.target, c.text)));
      }
      // A torn write: bytes of a record that never got its newline.
      await appendFile(file, Buffer.from(tail).filter((b) => b !== 0x0a));
      const { events } = await new TagJournal(file, 'reader').read(() => undefined);
      assert.deepEqual(events.map((e) => e.event).sort(), appended.map((e) => e.event).sort());
      assert.deepEqual([...foldTagEvents(events).keys()].sort(), [...foldTagEvents(appended).keys()].sort());
    }),
    fuzz(60),
  );
});
