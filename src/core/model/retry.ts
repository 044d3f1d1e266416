import type { ModelRequestError } from './errors.js';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** The first backoff; each further retry doubles it, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A longer `Retry-After` than this is not waited for: the request fails at once, saying so. */
  maxRetryAfterMs: number;
}

/**
 * 408, 429 and the 5xx a proxy or a loading server answers with are worth another try; any other
 * 4xx will fail the same way again. A refused connection is not retried: a server that is still
 * loading a model already listens and answers 503, so "refused" means nothing is running.
 */
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

export function isRetryable(error: ModelRequestError): boolean {
  if (error.kind === 'http') return error.status !== undefined && RETRYABLE_STATUS.has(error.status);
  return error.kind === 'connection_lost';
}

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date; undefined if absent or unreadable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so clients that
 * failed together do not come back together, yet the wait still grows. `retry` counts from 1.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}
