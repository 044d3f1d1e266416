/**
 * Messages between the extension host and the webviews, shared by both sides and importing
 * nothing, so the webview bundle stays free of Node and the host's code.
 *
 * Every message travels in an envelope: requests carry an id, replies name the request they
 * answer and carry either a body or an error, events need no reply. Each direction has one
 * request map (request type → request and response) and one event union, and an endpoint is
 * typed by both directions, so a message that is not in its map or union does not compile.
 * A webview starts with a `ready` request whose reply carries everything its first frame needs;
 * neither side sends anything else before that reply.
 */
import { errorMessage } from './common/errorMessage.js';
import type { Report, RunComparison, SampleScope } from './common/reportData.js';

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
  /** Golden columns: the prediction the marks on the golden calls compare them with. */
  judgedAgainst?: string;
}

export interface DiffSide {
  label: string;
  text: string;
}

/** Two texts to show side by side, under a title. */
export interface TextDiff {
  title: string;
  original: DiffSide;
  modified: DiffSide;
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
  /** An endpoint that did not list its models: why. It stays in the list, and cannot be picked. */
  unavailable?: string;
}

/** What the Quick-run bar offers: every type, the models found, and the defaults from settings. */
export interface QuickRunOptionsView {
  types: QuickRunTypeView[];
  models: QuickRunModelView[];
  defaults: { seed: number; toolMode: 'native' | 'prompt'; model?: string };
  /** Why quick-run is off (untrusted workspace, no model answers), when it is. */
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
  diff?: TextDiff;
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
  /** The run protocol the record names (`paper`, `native (temperature=0.2)`…); absent for BFCL results and older records. */
  protocol?: string;
  verdict: 'pass' | 'fail' | 'unscored';
  flippedFromClean: boolean;
  flippedBetweenRuns: boolean;
  perturbation?: { type: string; description: string; correctBehaviour: string; metadata: string };
  /** The case as the model saw it, shown once (a clean sample, a BFCL question and its tools), or why it cannot be shown. */
  case?: CaseView;
  /** Two texts side by side: the clean vs the perturbed case, or two outputs; absent when there is nothing to compare. */
  diff?: TextDiff;
  columns: CallColumn[];
  source: { file: string; line: number };
  /** For failures: the category the scorer and the perturbation suggest, to confirm with one key. */
  suggestion?: string;
  tagging?: TaggingView;
  /** The type Quick-run starts on for this sample: its own perturbation, else `clean`. */
  quickRunType: string;
}

export type CaseView = { title: string; text: string } | { title: string; missing: string };

export type NavigationTarget = 'nextFailure' | 'previousFailure' | 'nextFlipped' | 'previousFlipped' | 'nextUntagged';

/** A part of the inspector the host can ask to bring into view: the Quick-run bar after "Quick-run…". */
export type InspectorSection = 'quickRun';

/** Webview → host: the webview's script is running and its handlers are registered. */
export interface ReadyRequest {
  type: 'ready';
}

/** What the inspector paints first: the sample (none when nothing was picked yet) and a section to show. */
export interface InspectorInit {
  model: InspectorModel | null;
  focus?: InspectorSection;
}

/** Host → webview reply to `ready`: what the webview needs to paint its first frame. */
export interface ReadyResponse {
  type: 'ready';
  view: 'inspector';
  state: InspectorInit;
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

/** Host → webview event: show this sample, and bring a section into view if asked. */
export interface ShowEvent {
  type: 'show';
  model: InspectorModel;
  focus?: InspectorSection;
}

/** Host → webview event: an endpoint came up or went down; the Quick-run bar's models are these now. */
export interface QuickRunModelsEvent {
  type: 'quickRunModels';
  options: QuickRunOptionsView;
}

/** The inspector webview's requests to the host, by type, with the reply each gets. */
export interface InspectorRequests {
  ready: { request: ReadyRequest; response: ReadyResponse };
  navigate: { request: NavigateRequest; response: Done };
  openSource: { request: OpenSourceRequest; response: Done };
  tag: { request: TagRequest; response: Done };
  note: { request: NoteRequest; response: Done };
  quickRunOptions: { request: QuickRunOptionsRequest; response: QuickRunOptionsView };
  quickRunPreview: { request: QuickRunPreviewRequest; response: QuickRunPreviewView };
  quickRun: { request: QuickRunRequest; response: QuickRunResultView };
  quickRunCancel: { request: QuickRunCancelRequest; response: Done };
}

/** The host asks the inspector nothing: it tells it what to show. */
export type InspectorHostRequests = Record<never, never>;

/** What the host tells the inspector. */
export type InspectorHostEvent = ShowEvent | QuickRunModelsEvent;

/** The inspector tells the host nothing without asking. */
export type InspectorWebviewEvent = never;

/** A run the dashboard can compare, by its report key. */
export interface DashboardRun {
  key: string;
  label: string;
}

/** What the dashboard paints: the report of every scored run, and a run to bring into view. */
export interface DashboardInit {
  report: Report;
  runs: DashboardRun[];
  /** The run the dashboard was opened from (a run or model in the Results tree). */
  focusRun?: string;
}

export interface DashboardReadyResponse {
  type: 'ready';
  view: 'dashboard';
  state: DashboardInit;
}

/** Dashboard → host: filter the Results tree to these samples and open the first in the inspector. */
export interface SelectSamplesRequest {
  type: 'select';
  scope: SampleScope;
}

export interface SelectedSamples {
  type: 'selected';
  /** How many samples the tree now shows. */
  count: number;
}

/** Dashboard → host: compare two runs (their report keys) case by case. */
export interface CompareRunsRequest {
  type: 'compare';
  a: string;
  b: string;
}

export interface ComparisonView {
  type: 'comparison';
  comparison: RunComparison;
}

/** Dashboard → host: save the report as a file the user picks. */
export interface ExportReportRequest {
  type: 'exportReport';
  format: 'html' | 'md';
}

export interface ExportedReport {
  type: 'exported';
  /** Where it was saved; null when the user cancelled. */
  file: string | null;
}

/** The dashboard's requests to the host. */
export interface DashboardRequests {
  ready: { request: ReadyRequest; response: DashboardReadyResponse };
  select: { request: SelectSamplesRequest; response: SelectedSamples };
  compare: { request: CompareRunsRequest; response: ComparisonView };
  exportReport: { request: ExportReportRequest; response: ExportedReport };
}

/** Host → dashboard: the results changed; here is the new report. */
export interface ReportChangedEvent {
  type: 'report';
  report: Report;
  runs: DashboardRun[];
  /** Bring this run into view (the dashboard was asked for it while open). */
  focusRun?: string;
}

export type DashboardHostEvent = ReportChangedEvent;

/** A request map: each request type names its request body (with that `type`) and its reply. */
export type RequestMap<M> = { [K in keyof M]: { request: { type: K }; response: unknown } };

/** Every request body a map holds. */
export type RequestIn<M> = { [K in keyof M]: M[K] extends { request: infer R } ? R : never }[keyof M];

/** The reply to one request body, looked up by its `type`. */
export type ResponseTo<M, R> = R extends { type: infer T extends keyof M } ? (M[T] extends { response: infer P } ? P : never) : never;

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
 * Which side of the ready handshake an endpoint is on: the host answers `ready`, the webview
 * sends it. Until the handshake is done the only message either side sends is the `ready`
 * request and its reply.
 */
export type HandshakeRole = 'answers-ready' | 'sends-ready';

type Handler = (body: never) => unknown;

/**
 * One side of the conversation, typed by what it sends and what it receives. `post` sends an
 * envelope to the other side; feed every incoming envelope to `receive`. Unknown request types
 * get an explicit error reply, never silence, so a caller cannot hang on a typo.
 */
export class MessageEndpoint<OutRequests extends RequestMap<OutRequests>, InRequests extends RequestMap<InRequests>, OutEvent extends { type: string }, InEvent extends { type: string }> {
  private nextId = 1;
  private ready = false;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly handlers = new Map<string, Handler>();
  private readonly eventListeners: Array<(body: InEvent) => void> = [];
  private readonly readyListeners: Array<() => void> = [];

  constructor(
    private readonly post: (envelope: Envelope) => void,
    private readonly role: HandshakeRole,
  ) {}

  /** The handshake is done: the `ready` reply was sent (host) or received (webview). */
  get isReady(): boolean {
    return this.ready;
  }

  request<R extends RequestIn<OutRequests>>(body: R): Promise<ResponseTo<OutRequests, R>> {
    const type = (body as { type: string }).type;
    if (!this.ready && !(this.role === 'sends-ready' && type === 'ready')) {
      return Promise.reject(new RemoteError(`"${type}" was not sent: the view is not ready yet`, 'not-ready'));
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, {
        resolve: (reply) => {
          if (type === 'ready') this.ready = true;
          resolve(reply as ResponseTo<OutRequests, R>);
        },
        reject,
      });
      this.post({ kind: 'request', id, body });
    });
  }

  /**
   * Sends an event once the handshake is done. Before it nothing is sent and this returns
   * false: the `ready` reply carries the whole state, so nothing from before it needs replaying.
   */
  event(body: OutEvent): boolean {
    if (!this.ready) return false;
    this.post({ kind: 'event', body });
    return true;
  }

  handle<T extends keyof InRequests & string>(
    type: T,
    handler: (body: InRequests[T]['request']) => Promise<InRequests[T]['response']> | InRequests[T]['response'],
  ): void {
    this.handlers.set(type, handler as Handler);
  }

  onEvent(listener: (body: InEvent) => void): void {
    this.eventListeners.push(listener);
  }

  /** Called each time the host has sent its `ready` reply: from then on events go out. */
  onReady(listener: () => void): void {
    this.readyListeners.push(listener);
  }

  /**
   * The other side is gone (a hidden webview's document is destroyed): requests still waiting
   * are rejected and nothing more is sent until the next handshake.
   */
  reset(reason: string): void {
    this.ready = false;
    for (const p of this.pending.values()) p.reject(new RemoteError(reason, 'closed'));
    this.pending.clear();
  }

  async receive(message: unknown): Promise<void> {
    if (!isEnvelope(message)) return;
    if (message.kind === 'event') {
      if (!this.ready) return;
      for (const l of this.eventListeners) l(message.body as InEvent);
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
    const type = typeof body?.type === 'string' ? body.type : undefined;
    const isReadyRequest = this.role === 'answers-ready' && type === 'ready';
    // A second `ready` comes from a new document (the webview was hidden and shown again): what
    // the old one was waiting for will never be answered, and nothing goes out until this reply.
    if (isReadyRequest) this.reset('the view was reloaded');
    const handler = type ? this.handlers.get(type) : undefined;
    const reply = (envelope: Omit<ReplyEnvelope, 'kind' | 'inReplyTo'>) => {
      this.post({ kind: 'reply', inReplyTo: request.id, ...envelope });
      if (!isReadyRequest || envelope.error) return;
      this.ready = true;
      for (const l of this.readyListeners) l();
    };
    if (!handler) return reply({ error: { message: `no handler for request "${String(type)}"`, code: 'method-not-found' } });
    if (!this.ready && !isReadyRequest) return reply({ error: { message: `"${type}" came before the ready handshake`, code: 'not-ready' } });
    try {
      reply({ body: await (handler as (b: unknown) => unknown)(body) });
    } catch (err) {
      reply({ error: { message: errorMessage(err), code: 'handler-failed' } });
    }
  }
}

/** The host's end of the inspector's conversation. */
export type InspectorHostEndpoint = MessageEndpoint<InspectorHostRequests, InspectorRequests, InspectorHostEvent, InspectorWebviewEvent>;

/** The inspector webview's end. */
export type InspectorWebviewEndpoint = MessageEndpoint<InspectorRequests, InspectorHostRequests, InspectorWebviewEvent, InspectorHostEvent>;

/** The host's end of the dashboard's conversation. */
export type DashboardHostEndpoint = MessageEndpoint<Record<never, never>, DashboardRequests, DashboardHostEvent, never>;

/** The dashboard webview's end. */
export type DashboardWebviewEndpoint = MessageEndpoint<DashboardRequests, Record<never, never>, never, DashboardHostEvent>;

export function dashboardHostEndpoint(post: (envelope: Envelope) => void): DashboardHostEndpoint {
  return new MessageEndpoint(post, 'answers-ready');
}

export function dashboardWebviewEndpoint(post: (envelope: Envelope) => void): DashboardWebviewEndpoint {
  return new MessageEndpoint(post, 'sends-ready');
}

export function inspectorHostEndpoint(post: (envelope: Envelope) => void): InspectorHostEndpoint {
  return new MessageEndpoint(post, 'answers-ready');
}

export function inspectorWebviewEndpoint(post: (envelope: Envelope) => void): InspectorWebviewEndpoint {
  return new MessageEndpoint(post, 'sends-ready');
}

function isEnvelope(m: unknown): m is Envelope {
  if (typeof m !== 'object' || m === null) return false;
  const kind = (m as { kind?: unknown }).kind;
  return kind === 'request' || kind === 'reply' || kind === 'event';
}
