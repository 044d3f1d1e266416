import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isUtf8 } from 'node:buffer';
import { appendFile, copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { makeRow } from '../../../test/support/evalRows.js';
import { collectProblems } from '../formats/index.js';
import { caseKey, prepareResume } from './resume.js';
import { fuzz } from '../../../test/support/fuzz.js';

const SPLITS = ['clean', 'timeout', 'schema_drift', 'rate_limit'];

function record(id: string, split: string, answer: string) {
  return {
    ...makeRow({ id }),
    perturbation: split === 'clean' ? null : { type: split, mdp_category: 'transition' },
    prediction: { raw_output: answer, tool_calls: [{ name: 'get_weather', parameters: { x: answer } }], error: null },
    model: 'tiny',
    run: 'r1',
  };
}

const line = (value: unknown) => Buffer.from(`${JSON.stringify(value)}\n`);
/** Bytes that occur nowhere in valid UTF-8, so a line holding one is damaged whatever surrounds it. */
const neverUtf8 = fc.uint8Array({ minLength: 1, maxLength: 3 }).map((b) => Buffer.from(b.map((x) => [0xc0, 0xc1, 0xf5, 0xf8, 0xfe, 0xff][x % 6]!)));

test('invalid UTF-8 earlier in the file and a torn tail: the cut is made on bytes (hostile fixture)', async () => {
  const file = join(await mkdtemp(join(tmpdir(), 'rl-resume-')), 'predictions.jsonl');
  await copyFile(resolve('test/fixtures/hostile/resume-invalid-utf8-torn-tail.jsonl'), file);
  const before = await readFile(file);
  const { problems, sink } = collectProblems();
  const { done } = await prepareResume(file, sink);
  assert.deepEqual([...done], [caseKey('row_0', 'clean'), caseKey('row_2', 'timeout')]);
  assert.deepEqual(problems.map((p) => [p.line, p.severity, p.message]), [
    [2, 'error', 'not valid UTF-8; the case runs again'],
    [4, 'warning', 'torn last record from an interrupted run; removed, the case runs again'],
  ]);
  const after = await readFile(file);
  assert.ok(after.equals(before.subarray(0, before.lastIndexOf(0x0a) + 1)), 'cut just past the last newline, the damaged line kept as it was');
  await appendFile(file, line(record('row_3', 'clean', 'again')));
  assert.ok((await prepareResume(file, () => undefined)).done.has(caseKey('row_3', 'clean')), 'the next record starts a line of its own');
});

test('a missing file holds nothing; a record nested too deep is a problem and its case runs again', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rl-resume-'));
  assert.deepEqual(await prepareResume(join(dir, 'absent.jsonl'), (p) => assert.fail(p.message)), { done: new Set(), protocols: new Map() });
  const file = join(dir, 'deep.jsonl');
  await writeFile(file, Buffer.concat([line({ ...record('a', 'clean', 'x'), source: JSON.parse(`${'['.repeat(500)}${']'.repeat(500)}`) as unknown }), line(record('b', 'clean', 'y'))]));
  const { problems, sink } = collectProblems();
  const { done, protocols } = await prepareResume(file, sink);
  assert.deepEqual([...done], [caseKey('b', 'clean')]);
  assert.deepEqual([...protocols], [['unrecorded', 1]]);
  assert.deepEqual(problems.map((p) => [p.line, p.message]), [[1, 'nested deeper than 100 levels; the case runs again']]);
});

test('random records, damaged bytes, a cut at any byte, garbage after it: every intact record survives exactly once (property)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rl-resume-'));
  const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 30 });
  const records = fc.uniqueArray(fc.record({ id: text, split: fc.constantFrom(...SPLITS), answer: text }), { maxLength: 12, selector: (r) => caseKey(r.id, r.split) });
  const damage = fc.array(fc.record({ line: fc.nat(), at: fc.nat(), bytes: neverUtf8 }), { maxLength: 4 });
  const garbage = fc.option(fc.uint8Array({ minLength: 1, maxLength: 40 }).map((b) => Buffer.from(b.filter((x) => x !== 0x0a))), { nil: undefined });
  let run = 0;
  await fc.assert(
    fc.asyncProperty(records, damage, fc.double({ min: 0, max: 1, noNaN: true }), garbage, async (recs, hits, cutAt, tail) => {
      const lines = recs.map((r) => line(record(r.id, r.split, r.answer)));
      const damaged = new Set<number>();
      for (const hit of lines.length ? hits : []) {
        const i = hit.line % lines.length;
        const at = hit.at % lines[i]!.length; // before the newline, which stays last
        lines[i] = Buffer.concat([lines[i]!.subarray(0, at), hit.bytes, lines[i]!.subarray(at)]);
        damaged.add(i);
      }
      const whole = Buffer.concat(lines);
      const written = whole.subarray(0, Math.floor(cutAt * whole.length));
      const file = join(dir, `p${run++}.jsonl`);
      await writeFile(file, tail ? Buffer.concat([written, tail]) : written);

      const { problems, sink } = collectProblems();
      const { done, protocols } = await prepareResume(file, sink);

      const kept = written.subarray(0, written.lastIndexOf(0x0a) + 1);
      const complete = (i: number) => lines.slice(0, i + 1).reduce((n, l) => n + l.length, 0) <= kept.length;
      const intact = recs.filter((_, i) => complete(i) && !damaged.has(i));
      assert.deepEqual([...done].sort(), intact.map((r) => caseKey(r.id, r.split)).sort());
      assert.equal([...protocols.values()].reduce((a, b) => a + b, 0), intact.length, 'each intact record counted once');
      const after = await readFile(file);
      assert.ok(after.equals(kept), 'the file is its complete lines, byte for byte');
      const damagedComplete = [...damaged].filter(complete).map((i) => i + 1);
      assert.deepEqual(problems.filter((p) => p.severity === 'error').map((p) => p.line), damagedComplete.sort((a, b) => a - b));
      for (const i of damagedComplete) assert.equal(isUtf8(lines[i - 1]!), false);

      await appendFile(file, line(record('next', 'clean', 'after the resume')));
      const again = await prepareResume(file, () => undefined);
      assert.ok(again.done.has(caseKey('next', 'clean')), 'a record appended after the resume is a line of its own');
      assert.equal(again.done.size, done.size + 1);
    }),
    fuzz(200),
  );
});
