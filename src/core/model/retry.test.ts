import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ModelRequestError } from './errors.js';
import { backoffDelay, isRetryable, parseRetryAfter } from './retry.js';

test('Retry-After as seconds or as an HTTP date', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');
  assert.equal(parseRetryAfter('3', now), 3000);
  assert.equal(parseRetryAfter(' 1.5 ', now), 1500);
  assert.equal(parseRetryAfter('Sun, 01 Jun 2025 12:00:10 GMT', now), 10_000);
  assert.equal(parseRetryAfter('Sun, 01 Jun 2025 11:59:00 GMT', now), 0, 'a date in the past means now');
  assert.equal(parseRetryAfter('soon', now), undefined);
  assert.equal(parseRetryAfter(null, now), undefined);
});

test('backoff doubles per retry, stays within its cap, and is jittered within the upper half', () => {
  const policy = { retries: 5, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 60_000 };
  assert.deepEqual([1, 2, 3, 4, 5].map((r) => backoffDelay(r, policy, () => 0)), [50, 100, 200, 400, 500]);
  assert.deepEqual([1, 2, 3, 4, 5].map((r) => backoffDelay(r, policy, () => 0.999999)), [100, 200, 400, 800, 1000]);
});

test('what is retried: 408, 429, 5xx from a proxy or a loading server, and dropped connections', () => {
  const error = (kind: ModelRequestError['kind'], status?: number) =>
    new ModelRequestError({ kind, summary: 's', method: 'POST', url: 'http://x', ...(status ? { status } : {}) });
  assert.deepEqual([408, 429, 500, 502, 503, 504].map((s) => isRetryable(error('http', s))), [true, true, true, true, true, true]);
  assert.deepEqual([400, 401, 404, 422, 501].map((s) => isRetryable(error('http', s))), [false, false, false, false, false]);
  assert.equal(isRetryable(error('connection_lost')), true);
  for (const kind of ['connection_refused', 'timeout', 'malformed', 'too_large', 'aborted'] as const) assert.equal(isRetryable(error(kind)), false, kind);
});
