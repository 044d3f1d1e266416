import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { LineSplitter, readLineAt, scanLines, type ScannedLine } from './lineScanner.js';
import { collectProblems, type ProblemSink } from './problems.js';
import { fuzz } from '../../../test/support/fuzz.js';

async function scanAll(file: string, onProblem?: ProblemSink, maxLineBytes?: number): Promise<ScannedLine[]> {
  const lines: ScannedLine[] = [];
  for await (const line of scanLines(file, onProblem, maxLineBytes)) lines.push(line);
  return lines;
}

async function tempFile(name: string, content: string | Buffer): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'rl-scan-')), name);
  await writeFile(file, content);
  return file;
}

test('what is not a regular file is refused at once, naming it: a device, a folder, a FIFO', { timeout: 5000 }, async () => {
  await assert.rejects(scanAll('/dev/zero'), { message: '/dev/zero: not a regular file' });
  const dir = await mkdtemp(join(tmpdir(), 'rl-scan-'));
  await assert.rejects(scanAll(dir), { message: `${dir}: not a regular file` });
  await assert.rejects(readLineAt(dir, 0, 10), { message: `${dir}: not a regular file` });
  if (process.platform !== 'win32') {
    const fifo = join(dir, 'pipe.jsonl');
    execFileSync('mkfifo', [fifo]);
    await assert.rejects(scanAll(fifo), { message: `${fifo}: not a regular file` }, 'no writer ever opens it: refused, not waited on');
  }
  await assert.rejects(scanAll(join(dir, 'absent.jsonl')), (e: NodeJS.ErrnoException) => e.code === 'ENOENT' && e.message.includes(join(dir, 'absent.jsonl')));
});

test('a line over the limit is a problem and skipped unread; the lines after it are read', async () => {
  const limit = 1.5 * 2 ** 20; // over one read chunk, so the skipped line spans several
  const long = `{"x": "${'a'.repeat(3 * 2 ** 20)}"}`;
  const file = await tempFile('long.jsonl', `{"a": 1}\n${long}\n{"b": 2}\n`);
  const { problems, sink } = collectProblems();
  const lines = await scanAll(file, sink, limit);
  assert.deepEqual(lines.map((l) => [l.line, l.text]), [[1, '{"a": 1}'], [3, '{"b": 2}']]);
  assert.deepEqual(problems, [{ file, line: 2, severity: 'error', message: `line longer than ${limit} bytes (the limit for one line); skipped`, kind: 'line-too-long' }]);
  assert.equal(lines[1]!.offset, Buffer.byteLength(`{"a": 1}\n${long}\n`), 'offsets stay true after the skip');
});

test('a file of garbage without a newline ends: one torn line, or one problem when over the limit', async () => {
  const garbage = Buffer.alloc(3 * 2 ** 20, 0xff);
  const file = await tempFile('garbage.jsonl', garbage);
  const [whole] = await scanAll(file);
  assert.deepEqual([whole?.length, whole?.ended, whole?.badUtf8], [garbage.length, false, true]);
  const { problems, sink } = collectProblems();
  assert.deepEqual(await scanAll(file, sink, 2 ** 20), []);
  assert.deepEqual(problems.map((p) => p.line), [1]);
});

test('readLineAt refuses a length over the limit and reads what is there, never zero padding', async () => {
  const file = await tempFile('short.jsonl', '{"a": 1}\n');
  await assert.rejects(readLineAt(file, 0, 2 ** 30), new RegExp(`^Error: ${file}: the line at byte 0 is longer than`));
  assert.equal(await readLineAt(file, 0, 100), '{"a": 1}\n', 'a file cut short since it was scanned');
});

test('each line says whether it ended and whether it is valid UTF-8', async () => {
  const file = await tempFile('marks.jsonl', Buffer.concat([Buffer.from('\uFEFF{"é": 1}\r\n{"b": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n\n  \n{"torn"')]));
  const lines = await scanAll(file);
  assert.deepEqual(
    lines.map(({ line, offset, length, ended, badUtf8 }) => ({ line, offset, length, ended, badUtf8 })),
    [
      { line: 1, offset: 3, length: 9, ended: true, badUtf8: false },
      { line: 2, offset: 14, length: 11, ended: true, badUtf8: true },
      { line: 5, offset: 30, length: 7, ended: false, badUtf8: false },
    ],
  );
});

/** The lines of `bytes` as a plain split on 0x0a finds them, and how many are too long: what LineSplitter must give whatever the chunking. */
function referenceLines(bytes: Buffer, maxLineBytes: number): { lines: Array<[number, number, number, boolean]>; tooLong: number } {
  const lines: Array<[number, number, number, boolean]> = [];
  let tooLong = 0;
  let start = 0;
  for (let n = 1; start < bytes.length; n++) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl < 0 ? bytes.length : nl;
    const s = start === 0 && bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? 3 : start;
    const e = end > s && bytes[end - 1] === 0x0d ? end - 1 : end;
    if (end - start > maxLineBytes) tooLong++;
    else if (bytes.toString('utf8', s, e).trim() !== '') lines.push([n, s, e - s, nl >= 0]);
    start = end + 1;
  }
  return { lines, tooLong };
}

test('LineSplitter: the same lines and problems however the bytes are cut into chunks (property)', () => {
  const piece = fc.oneof(
    fc.constantFrom('\n', '\r\n', ' ', '{"a":1}', 'é', '\u{1F600}', '\uFEFF').map((s) => Buffer.from(s)),
    fc.uint8Array({ minLength: 1, maxLength: 4 }).map((b) => Buffer.from(b)),
    fc.string({ minLength: 5, maxLength: 40 }).map((s) => Buffer.from(s)),
  );
  const input = fc.array(piece, { maxLength: 60 }).map((parts) => Buffer.concat(parts));
  fc.assert(
    fc.property(input, fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1 }), fc.integer({ min: 1, max: 40 }), (bytes, cuts, maxLineBytes) => {
      const { problems, sink } = collectProblems();
      const splitter = new LineSplitter('f', maxLineBytes, sink);
      const got: ScannedLine[] = [];
      for (let offset = 0, i = 0; offset < bytes.length; i++) {
        const chunk = bytes.subarray(offset, offset + cuts[i % cuts.length]!);
        got.push(...splitter.push(chunk, offset));
        offset += chunk.length;
      }
      const last = splitter.finish();
      if (last) got.push(last);
      const expected = referenceLines(bytes, maxLineBytes);
      assert.deepEqual(got.map((l) => [l.line, l.offset, l.length, l.ended]), expected.lines);
      for (const l of got) assert.equal(l.text, bytes.toString('utf8', l.offset, l.offset + l.length));
      assert.equal(problems.length, expected.tooLong);
    }),
    fuzz(300),
  );
});
