import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, formatProgress, progressSink } from './progress.js';
import type { RunProgress } from '../core/run/index.js';

const at = (done: number, extra: Partial<RunProgress> = {}): RunProgress => ({ total: 40, done, failed: 1, skipped: 0, skippedMultiTurn: 0, ratePerSecond: 3.25, etaSeconds: (40 - done) / 3.25, ...extra });

test('durations read as h:mm:ss or m:ss', () => {
  assert.equal(formatDuration(9.4), '0:09');
  assert.equal(formatDuration(245), '4:05');
  assert.equal(formatDuration(3723), '1:02:03');
});

test('a progress line: bar on a terminal, counts, rate and ETA', () => {
  assert.equal(formatProgress(at(10), true), '[######------------------]  10/40  25%  failed 1  3.3/s  ETA 0:09');
  assert.equal(formatProgress(at(10, { etaSeconds: undefined }), false), '10/40  25%  failed 1  3.3/s');
});

test('a terminal gets one line redrawn in place, at most every 100 ms, and a clean line at the end', () => {
  const written: string[] = [];
  let now = 0;
  const sink = progressSink((t) => written.push(t), true, () => now);
  sink.update(at(1));
  now = 50;
  sink.update(at(2));
  now = 150;
  sink.update(at(3));
  sink.finish();
  assert.equal(written.length, 3);
  assert.ok(written.slice(0, 2).every((w) => w.startsWith('\r[') && w.endsWith('\x1b[K')));
  assert.match(written[1]!, / 3\/40 /);
  assert.equal(written[2], '\r\x1b[K');
});

test('a log gets a plain line every ten seconds, and the last one', () => {
  const written: string[] = [];
  let now = 0;
  const sink = progressSink((t) => written.push(t), false, () => now);
  for (let done = 1; done <= 40; done++) {
    now += 1000;
    sink.update(at(done));
  }
  sink.finish();
  assert.deepEqual(written.map((w) => w.split('  ')[0]), ['1/40', '11/40', '21/40', '31/40', '40/40']);
  assert.ok(written.every((w) => w.endsWith('\n') && !w.includes('\r')));
});
