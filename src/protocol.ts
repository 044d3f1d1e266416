/**
 * Messages between the extension host and the webviews, shared by both sides.
 * Every message travels in an envelope: requests carry an id, replies name the request they
 * answer and carry either a body or an error, events need no reply. A webview starts with a
 * `ready` request and the host sends nothing before answering it.
 */

/** Webview → host: the webview's script is running and its handlers are registered. */
export interface ReadyRequest {
  type: 'ready';
}

/** Host → webview reply to `ready`: what the webview needs to paint its first frame. */
export interface ReadyResponse {
  type: 'ready';
  view: string;
  state: unknown;
}

export type FromWebviewRequest = ReadyRequest;
/** Every request either side may send; the reply type follows from the request type. */
export type AnyRequest = FromWebviewRequest;

export type ResponseFor<R extends AnyRequest> = R extends ReadyRequest ? ReadyResponse : never;

export interface RequestEnvelope<T = unknown> {
  kind: 'request';
  id: number;
  body: T;
}

export interface ReplyEnvelope<T = unknown> {
  kind: 'reply';
  inReplyTo: number;
  body?: T;
  error?: { message: string; code: string };
}

export interface EventEnvelope<T = unknown> {
  kind: 'event';
  body: T;
}

export type Envelope = RequestEnvelope | ReplyEnvelope | EventEnvelope;

export type RequestHandler = (body: { type: string }) => Promise<unknown> | unknown;

/** The error a request promise rejects with when the other side replied with an error. */
export class RemoteError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}

/**
 * One side of the conversation. `post` sends an envelope to the other side; feed every
 * incoming envelope to `receive`. Unknown request types get an explicit error reply, never
 * silence, so a caller cannot hang on a typo.
 */
export class MessageEndpoint {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly handlers = new Map<string, RequestHandler>();
  private readonly eventListeners: Array<(body: unknown) => void> = [];

  constructor(private readonly post: (envelope: Envelope) => void) {}

  request<R extends AnyRequest>(body: R): Promise<ResponseFor<R>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.post({ kind: 'request', id, body });
    });
  }

  event(body: unknown): void {
    this.post({ kind: 'event', body });
  }

  handle(type: string, handler: RequestHandler): void {
    this.handlers.set(type, handler);
  }

  onEvent(listener: (body: unknown) => void): void {
    this.eventListeners.push(listener);
  }

  /** Rejects every request still waiting, e.g. when the panel is disposed. */
  close(reason: string): void {
    for (const p of this.pending.values()) p.reject(new RemoteError(reason, 'closed'));
    this.pending.clear();
  }

  async receive(message: unknown): Promise<void> {
    if (!isEnvelope(message)) return;
    if (message.kind === 'event') {
      for (const l of this.eventListeners) l(message.body);
    } else if (message.kind === 'reply') {
      const p = this.pending.get(message.inReplyTo);
      if (!p) return;
      this.pending.delete(message.inReplyTo);
      if (message.error) p.reject(new RemoteError(message.error.message, message.error.code));
      else p.resolve(message.body);
    } else {
      await this.answer(message);
    }
  }

  private async answer(request: RequestEnvelope): Promise<void> {
    const body = request.body as { type?: unknown };
    const handler = typeof body?.type === 'string' ? this.handlers.get(body.type) : undefined;
    if (!handler) {
      this.post({ kind: 'reply', inReplyTo: request.id, error: { message: `no handler for request "${String(body?.type)}"`, code: 'method-not-found' } });
      return;
    }
    try {
      this.post({ kind: 'reply', inReplyTo: request.id, body: await handler(body as { type: string }) });
    } catch (err) {
      this.post({ kind: 'reply', inReplyTo: request.id, error: { message: err instanceof Error ? err.message : String(err), code: 'handler-failed' } });
    }
  }
}

function isEnvelope(m: unknown): m is Envelope {
  if (typeof m !== 'object' || m === null) return false;
  const kind = (m as { kind?: unknown }).kind;
  return kind === 'request' || kind === 'reply' || kind === 'event';
}
