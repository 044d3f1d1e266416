/**
 * Messages between the extension host and the webviews, shared by both sides.
 * Every message travels in an envelope: requests carry an id, replies name the request they
 * answer and carry either a body or an error, events need no reply. A webview starts with a
 * `ready` request and the host sends nothing before answering it.
 */

/** How one argument of a predicted call compares with the expected call. */
export type ArgStatus = 'match' | 'differs' | 'missing' | 'extra' | 'unchecked';

/** How one predicted call compares with the expected calls. */
export type CallStatus = 'match' | 'wrong_args' | 'extra' | 'missing' | 'unchecked';

export interface ArgView {
  name: string;
  /** The value as JSON text; empty for a missing argument. */
  value: string;
  status: ArgStatus;
  /** What was expected (allowed values for BFCL answers), as JSON text. */
  expected?: string;
}

export interface CallView {
  name: string;
  status: CallStatus;
  args: ArgView[];
}

export interface VerdictView {
  correct: boolean;
  errorType?: string;
  explanation?: string;
}

/** One column of the tool-call comparison: the golden calls, or what one prediction made. */
export interface CallColumn {
  label: string;
  calls: CallView[];
  verdict?: VerdictView;
  /** The model's raw output, shown as text. */
  raw?: string;
  /** A short line under the label (e.g. "pass 1 made no call; no fault injected"). */
  note?: string;
}

export interface DiffSide {
  label: string;
  text: string;
}

export interface TagCategoryView {
  id: string;
  label: string;
  description: string;
  key?: string;
}

/** The sample's tags, the categories to pick from, and the journal they are written to. */
export interface TaggingView {
  tags: string[];
  note: string;
  categories: TagCategoryView[];
  journal: string;
  /** False in an untrusted workspace, where RobustLens only reads. */
  writable: boolean;
}

export interface QuickRunTypeView {
  id: string;
  component: string;
  description: string;
}

export interface QuickRunModelView {
  /** Opaque id the host resolves to a backend and a model name. */
  id: string;
  label: string;
  detail: string;
}

/** What the Quick-run bar offers: every type, the models found, and the defaults from settings. */
export interface QuickRunOptionsView {
  types: QuickRunTypeView[];
  models: QuickRunModelView[];
  defaults: { seed: number; toolMode: 'native' | 'prompt'; model?: string };
  /** Why quick-run is off (untrusted workspace, no model configured), when it is. */
  disabled?: string;
}

export interface QuickRunSettings {
  type: string;
  seed: number;
  model: string;
  toolMode: 'native' | 'prompt';
}

export interface PreflightCheckView {
  level: 'ok' | 'warning' | 'error';
  message: string;
}

/** The case a quick-run would send, against the clean case, and whether the model is ready. */
export interface QuickRunPreviewView {
  diff?: { title: string; original: DiffSide; modified: DiffSide };
  /** The perturbation cannot apply to this sample (and why). */
  skipped?: string;
  checks: PreflightCheckView[];
}

/** A finished quick-run: its calls next to the recorded ones, and where it was saved. */
export interface QuickRunResultView {
  columns: CallColumn[];
  /** Transition types: the fault pass 1's call received. */
  fault?: string;
  savedTo: string;
}

/** Everything the inspector shows for one sample. All strings are rendered as text. */
export interface InspectorModel {
  key: string;
  id: string;
  run: string;
  model: string;
  split: string;
  component?: string;
  verdict: 'pass' | 'fail' | 'unscored';
  flippedFromClean: boolean;
  flippedBetweenRuns: boolean;
  perturbation?: { type: string; description: string; correctBehaviour: string; metadata: string };
  diff: { title: string; original: DiffSide; modified: DiffSide };
  columns: CallColumn[];
  source: { file: string; line: number };
  /** For failures: the category the scorer and the perturbation suggest, to confirm with one key. */
  suggestion?: string;
  tagging?: TaggingView;
}

export type NavigationTarget = 'nextFailure' | 'previousFailure' | 'nextFlipped' | 'previousFlipped' | 'nextUntagged';

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

/** Webview → host: show the next/previous failure or flipped sample. */
export interface NavigateRequest {
  type: 'navigate';
  target: NavigationTarget;
}

/** Webview → host: open the record's file at its line in a text editor. */
export interface OpenSourceRequest {
  type: 'openSource';
}

/** Webview → host: add or remove a tag on the shown sample. */
export interface TagRequest {
  type: 'tag';
  op: 'add' | 'remove';
  tag: string;
}

/** Webview → host: set the shown sample's note. */
export interface NoteRequest {
  type: 'note';
  note: string;
}

/** Webview → host: the types, models and defaults for the Quick-run bar. */
export interface QuickRunOptionsRequest {
  type: 'quickRunOptions';
}

/** Webview → host: preview the perturbed case and run the preflight checks. */
export interface QuickRunPreviewRequest {
  type: 'quickRunPreview';
  settings: QuickRunSettings;
}

/** Webview → host: run the shown sample now with these settings. */
export interface QuickRunRequest {
  type: 'quickRun';
  settings: QuickRunSettings;
}

/** Webview → host: stop the quick-run in progress. */
export interface QuickRunCancelRequest {
  type: 'quickRunCancel';
}

/** Reply to requests that only act. */
export interface Done {
  type: 'done';
}

/** Host → webview event: show this sample. */
export interface ShowEvent {
  type: 'show';
  model: InspectorModel;
}

/** Host → webview event: bring the Quick-run bar into view and focus it. */
export interface FocusQuickRunEvent {
  type: 'focusQuickRun';
}

export type FromWebviewRequest =
  | ReadyRequest
  | NavigateRequest
  | OpenSourceRequest
  | TagRequest
  | NoteRequest
  | QuickRunOptionsRequest
  | QuickRunPreviewRequest
  | QuickRunRequest
  | QuickRunCancelRequest;
export type ToWebviewEvent = ShowEvent | FocusQuickRunEvent;
/** Every request either side may send; the reply type follows from the request type. */
export type AnyRequest = FromWebviewRequest;

export type ResponseFor<R extends AnyRequest> = R extends ReadyRequest
  ? ReadyResponse
  : R extends QuickRunOptionsRequest
    ? QuickRunOptionsView
    : R extends QuickRunPreviewRequest
      ? QuickRunPreviewView
      : R extends QuickRunRequest
        ? QuickRunResultView
        : Done;

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

  handle<R extends AnyRequest>(type: R['type'], handler: (body: R) => Promise<ResponseFor<R>> | ResponseFor<R>): void {
    this.handlers.set(type, handler as RequestHandler);
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
