import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { z } from 'zod';
import { describeIssues, notJsonReason, parseJson } from '../schema/index.js';
import { excerpt, ModelRequestError, type ModelRequestErrorDetails, type ModelRequestErrorKind } from './errors.js';
import { backoffDelay, isRetryable, parseRetryAfter, type RetryPolicy } from './retry.js';
import { errorMessage } from '../../common/errorMessage.js';

export interface HttpPolicy extends RetryPolicy {
  /** Limit for one attempt, from sending the request to the last byte of the answer. */
  timeoutMs: number;
  /** Bytes read from one response body; the request is aborted past it. */
  maxResponseBytes: number;
}

export const DEFAULT_HTTP_POLICY: HttpPolicy = {
  timeoutMs: 120_000,
  retries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  maxResponseBytes: 16 * 1024 * 1024,
};

export interface RetryEvent {
  /** The attempt that failed, from 1. */
  attempt: number;
  delayMs: number;
  error: ModelRequestError;
}

export interface HttpClientOptions {
  policy?: Partial<HttpPolicy>;
  /** Sent with every request, e.g. `authorization`. */
  headers?: Record<string, string>;
  /** Told before each wait between attempts, for logs. */
  onRetry?: (event: RetryEvent) => void;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  /** Sent as JSON. */
  body?: unknown;
}

/** A response body read under the size cap; errors it raises name the request. */
export interface ResponseBody {
  readonly status: number;
  /** The media type, without parameters: `application/json`, `text/event-stream`. */
  readonly contentType: string;
  text(): Promise<string>;
  /** The body as JSON that matches `schema`, or a `malformed` error that says where it does not. */
  json<T>(schema: z.ZodType<T>): Promise<T>;
  /** One event of a stream, checked like `json`; `what` names it in errors. */
  parse<T>(text: string, schema: z.ZodType<T>, what: string): T;
  /** The body split into lines as it arrives (for SSE and NDJSON streams). */
  lines(): AsyncIterable<string>;
  /** An error about this response, naming the request, with an excerpt of `body`. */
  error(kind: ModelRequestErrorKind, summary: string, body?: string): ModelRequestError;
}

/** Bytes of an error body worth reading for its message. */
const ERROR_BODY_BYTES = 64 * 1024;

/**
 * Connections stay open between requests: a run sends thousands to the same few servers.
 */
const AGENTS = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };

/**
 * HTTP with what a model server needs: a timeout per attempt, the caller's abort signal, bounded
 * retries with backoff that honour Retry-After, a cap on the response size, and typed errors.
 * A retry repeats the whole exchange, the reading of a stream included. Built on node:http
 * rather than fetch: fetch's web streams and per-request abort signals cost several times the
 * CPU of the exchange itself, which on a loopback server is what limits a run's throughput
 * (bench/runner.ts).
 */
export class HttpClient {
  readonly policy: HttpPolicy;
  private readonly headers: Record<string, string>;
  private readonly onRetry: ((event: RetryEvent) => void) | undefined;

  constructor(options: HttpClientOptions = {}) {
    this.policy = { ...DEFAULT_HTTP_POLICY, ...options.policy };
    this.headers = options.headers ?? {};
    this.onRetry = options.onRetry;
  }

  async request<T>(request: HttpRequest, read: (body: ResponseBody) => Promise<T>, signal?: AbortSignal): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(request, read, signal);
      } catch (err) {
        if (!(err instanceof ModelRequestError)) throw err;
        const error = err.with({ attempts: attempt });
        const delayMs = this.retryDelay(error, attempt);
        if (delayMs instanceof ModelRequestError) throw delayMs;
        this.onRetry?.({ attempt, delayMs, error });
        await sleep(delayMs, signal, () => aborted(request, attempt));
      }
    }
  }

  /** The wait before the next attempt, or the error to throw when there is none. */
  private retryDelay(error: ModelRequestError, attempt: number): number | ModelRequestError {
    if (!isRetryable(error) || attempt > this.policy.retries) return error;
    const backoff = backoffDelay(attempt, this.policy);
    const asked = error.details.retryAfterMs;
    if (asked === undefined) return backoff;
    if (asked > this.policy.maxRetryAfterMs) {
      const summary = `${error.details.summary}; the server asked to retry after ${Math.ceil(asked / 1000)} s, longer than the ${Math.ceil(this.policy.maxRetryAfterMs / 1000)} s allowed`;
      return error.with({ summary });
    }
    return Math.max(asked, backoff);
  }

  private async attempt<T>(request: HttpRequest, read: (body: ResponseBody) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw aborted(request);
    let sent: ClientRequest | undefined;
    let body: CappedBody | undefined;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      sent?.destroy();
    }, this.policy.timeoutMs);
    const cancel = () => sent?.destroy();
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      const response = await send(request, this.headers, (r) => (sent = r));
      body = new CappedBody(response, request, this.policy.maxResponseBytes);
      if (body.status < 200 || body.status > 299) throw await body.httpError();
      return await read(body);
    } catch (err) {
      if (signal?.aborted) throw aborted(request);
      if (timedOut) {
        throw new ModelRequestError({ ...context(request), kind: 'timeout', summary: `no complete answer within ${this.policy.timeoutMs} ms`, cause: err });
      }
      throw isNetworkError(err) ? networkError(request, err) : err;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', cancel);
      // A connection whose answer was not read to the end cannot carry the next request.
      if (!body?.finished) sent?.destroy();
    }
  }
}

/** Sends the request; resolves with the response once its head has arrived. */
function send(request: HttpRequest, headers: Record<string, string>, onSent: (sent: ClientRequest) => void): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const url = new URL(request.url);
    const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
    const issue = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const sent = issue(
      url,
      {
        method: request.method,
        agent: url.protocol === 'https:' ? AGENTS['https:'] : AGENTS['http:'],
        headers: {
          accept: 'application/json',
          ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          ...headers,
        },
      },
      resolve,
    );
    sent.on('error', reject);
    onSent(sent);
    sent.end(payload);
  });
}

class CappedBody implements ResponseBody {
  private bytesRead = 0;
  /** The whole body was read. */
  finished = false;

  constructor(
    private readonly response: IncomingMessage,
    private readonly request: HttpRequest,
    private readonly maxBytes: number,
  ) {}

  get status(): number {
    return this.response.statusCode ?? 0;
  }

  get contentType(): string {
    return (this.response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  }

  async text(): Promise<string> {
    let text = '';
    const decoder = new TextDecoder();
    for await (const chunk of this.chunks()) text += decoder.decode(chunk, { stream: true });
    return text + decoder.decode();
  }

  async json<T>(schema: z.ZodType<T>): Promise<T> {
    return this.parse(await this.text(), schema, 'the answer');
  }

  parse<T>(text: string, schema: z.ZodType<T>, what: string): T {
    let value: unknown;
    try {
      value = parseJson(text);
    } catch (err) {
      throw this.error('malformed', `${what} ${notJsonReason(err)}`, text);
    }
    // Servers that fail after sending 200 (mid-stream, or behind a proxy) say so in an `error` field.
    if (value && typeof value === 'object' && 'error' in value) throw this.error('malformed', `${what} is an error report`, text);
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw this.error('malformed', `${what} has an unexpected shape: ${describeIssues(parsed.error)}`, text);
    return parsed.data;
  }

  async *lines(): AsyncIterable<string> {
    const decoder = new TextDecoder();
    let pending = '';
    for await (const chunk of this.chunks()) {
      pending += decoder.decode(chunk, { stream: true });
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) yield line.endsWith('\r') ? line.slice(0, -1) : line;
    }
    pending += decoder.decode();
    if (pending) yield pending;
  }

  error(kind: ModelRequestErrorKind, summary: string, body?: string): ModelRequestError {
    return new ModelRequestError({
      ...context(this.request),
      kind,
      summary,
      status: this.status,
      ...(body === undefined ? {} : { bodyExcerpt: excerpt(body) }),
    });
  }

  /** The error for a non-2xx answer, with what the server said and when it asks us back. */
  async httpError(): Promise<ModelRequestError> {
    const retryAfter = this.response.headers['retry-after'];
    const retryAfterMs = parseRetryAfter(retryAfter ?? null);
    let body = '';
    try {
      body = await this.readPrefix(ERROR_BODY_BYTES);
    } catch {
      // The status alone still says what happened.
    }
    return new ModelRequestError({
      ...context(this.request),
      kind: 'http',
      summary: this.response.statusMessage || 'error',
      status: this.status,
      bodyExcerpt: excerpt(body),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }

  private async readPrefix(maxBytes: number): Promise<string> {
    let text = '';
    const decoder = new TextDecoder();
    let seen = 0;
    for await (const chunk of this.chunks()) {
      text += decoder.decode(chunk.subarray(0, Math.max(0, maxBytes - seen)), { stream: true });
      seen += chunk.byteLength;
      if (seen >= maxBytes) break;
    }
    return text + decoder.decode();
  }

  private async *chunks(): AsyncIterable<Uint8Array> {
    const declared = Number(this.response.headers['content-length']);
    if (declared > this.maxBytes) throw this.tooLarge(`the answer declares ${declared} bytes`);
    // Leaving this loop early (the cap, an error, a reader that stops) destroys the response.
    for await (const chunk of this.response as AsyncIterable<Buffer>) {
      this.bytesRead += chunk.byteLength;
      if (this.bytesRead > this.maxBytes) throw this.tooLarge(`the answer exceeded ${this.bytesRead - chunk.byteLength} bytes`);
      yield chunk;
    }
    this.finished = true;
  }

  private tooLarge(what: string): ModelRequestError {
    return new ModelRequestError({
      ...context(this.request),
      kind: 'too_large',
      summary: `${what}, more than the ${this.maxBytes}-byte cap`,
      status: this.status,
    });
  }
}

function context(request: HttpRequest): Pick<ModelRequestErrorDetails, 'method' | 'url'> {
  return { method: request.method, url: request.url };
}

function aborted(request: HttpRequest, attempts?: number): ModelRequestError {
  return new ModelRequestError({ ...context(request), kind: 'aborted', summary: 'cancelled by the caller', ...(attempts ? { attempts } : {}) });
}

/** A socket error (`ECONNREFUSED`, `ECONNRESET`…), or a response stream that closed before its end. */
function isNetworkError(err: unknown): boolean {
  return !(err instanceof ModelRequestError) && errorCodes(err).some((code) => /^E[A-Z]+$/.test(code) || code === 'ERR_STREAM_PREMATURE_CLOSE');
}

function networkError(request: HttpRequest, err: unknown): ModelRequestError {
  const codes = errorCodes(err);
  if (codes.some((c) => c === 'ECONNREFUSED' || c === 'ENOTFOUND' || c === 'EAI_AGAIN' || c === 'EHOSTUNREACH')) {
    const summary = codes.includes('ECONNREFUSED') ? 'connection refused (is the server running?)' : `cannot reach the host (${codes.join(', ')})`;
    return new ModelRequestError({ ...context(request), kind: 'connection_refused', summary, cause: err });
  }
  const detail = codes.length ? codes.join(', ') : errorMessage(err);
  return new ModelRequestError({ ...context(request), kind: 'connection_lost', summary: `the connection dropped (${detail})`, cause: err });
}

function errorCodes(err: unknown, depth = 0): string[] {
  if (!err || typeof err !== 'object' || depth > 4) return [];
  const { code, cause, errors } = err as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof code === 'string' ? [code] : [];
  const nested = Array.isArray(errors) ? errors.flatMap((e) => errorCodes(e, depth + 1)) : [];
  return [...new Set([...own, ...nested, ...errorCodes(cause, depth + 1)])];
}

function sleep(ms: number, signal: AbortSignal | undefined, onAbort: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(onAbort());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', cancel);
      resolve();
    }, ms);
    const cancel = () => {
      clearTimeout(timer);
      reject(onAbort());
    };
    signal?.addEventListener('abort', cancel, { once: true });
  });
}
