export type ModelRequestErrorKind =
  | 'connection_refused'
  /** The connection dropped after it was made: a reset socket or a stream cut mid-way. */
  | 'connection_lost'
  | 'timeout'
  | 'http'
  | 'malformed'
  | 'too_large'
  | 'aborted';

export interface ModelRequestErrorDetails {
  kind: ModelRequestErrorKind;
  /** What went wrong, in words: `server is not listening`, `no answer within 30000 ms`. */
  summary: string;
  method: string;
  url: string;
  status?: number;
  bodyExcerpt?: string;
  /** How many attempts were made, retries included. */
  attempts?: number;
  /** The wait the server asked for in `Retry-After`, in milliseconds. */
  retryAfterMs?: number;
  cause?: unknown;
}

const EXCERPT_CHARS = 300;

/** The first characters of a response body, on one line, for an error message. */
export function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS)}…` : flat;
}

/** Every failure of a model request, named so a person knows what to fix. */
export class ModelRequestError extends Error {
  readonly kind: ModelRequestErrorKind;
  readonly method: string;
  readonly url: string;
  readonly status: number | undefined;
  readonly bodyExcerpt: string | undefined;
  readonly attempts: number;
  readonly details: ModelRequestErrorDetails;

  constructor(details: ModelRequestErrorDetails) {
    const status = details.status === undefined ? '' : ` HTTP ${details.status}`;
    const body = details.bodyExcerpt ? `: ${details.bodyExcerpt}` : '';
    const attempts = details.attempts && details.attempts > 1 ? ` (after ${details.attempts} attempts)` : '';
    super(`${details.method} ${details.url}:${status} ${details.summary}${body}${attempts}`, { cause: details.cause });
    this.name = 'ModelRequestError';
    this.details = details;
    this.kind = details.kind;
    this.method = details.method;
    this.url = details.url;
    this.status = details.status;
    this.bodyExcerpt = details.bodyExcerpt;
    this.attempts = details.attempts ?? 1;
  }

  /** The same error with some details changed, e.g. the attempts the retry loop made. */
  with(details: Partial<ModelRequestErrorDetails>): ModelRequestError {
    return new ModelRequestError({ ...this.details, ...details });
  }
}
