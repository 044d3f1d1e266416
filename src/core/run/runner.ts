import { errorMessage } from '../../common/errorMessage.js';
import { JsonlAppender, type ProblemSink } from '../formats/index.js';
import { buildSecondPass, isFaultType } from '../perturb/index.js';
import { type EvalRow, type Prediction, type PredictionRecord, type Score, splitOf } from '../schema/index.js';
import type { ChatModel, ChatRequest, ChatResult } from '../model/index.js';
import { caseKey, prepareResume } from './resume.js';
import { UnscorableError } from '../score/index.js';

/** Records answered but not yet on disk, at most; bounds memory when the disk is the slow part. */
const MAX_UNWRITTEN = 256;
/**
 * How long records gather before a write: one fsync then covers several, so even a run at
 * concurrency 1 against a fast server pays it rarely. A crash loses at most these unwritten
 * records, which the rerun does again.
 */
const WRITE_LINGER_MS = 5;

/** What the runner sends with every case; the rest of the request comes from the case. */
export type RequestSettings = Omit<ChatRequest, 'messages' | 'tools'>;

export interface RunOptions {
  /** One model served by one or more endpoints; requests go round-robin over them. */
  endpoints: ChatModel[];
  settings: RequestSettings;
  out: string;
  runId: string;
  concurrency?: number;
  signal?: AbortSignal;
  score?: (row: EvalRow, prediction: Prediction) => Score | undefined;
  onProgress?: (progress: RunProgress) => void;
  onProblem: ProblemSink;
}

export interface RunProgress {
  total: number;
  /** Cases written in this run (skipped ones from an earlier run are not counted). */
  done: number;
  /** Cases whose request failed (the record holds the error). */
  failed: number;
  skipped: number;
  ratePerSecond: number;
  etaSeconds?: number;
}

export interface RunSummary extends RunProgress {
  cancelled: boolean;
}

/**
 * Runs every case against the model and appends one prediction record per case to `out`,
 * fsynced, so a crash loses nothing written and a rerun with the same `out` does only the
 * cases that are missing. Transition cases take two passes (DESIGN.md §4).
 */
export async function runCases(cases: EvalRow[], options: RunOptions): Promise<RunSummary> {
  const done = await prepareResume(options.out, options.onProblem);
  const queue: EvalRow[] = [];
  const queued = new Set<string>();
  for (const row of cases) {
    const key = caseKey(row.id, splitOf(row));
    if (done.has(key) || queued.has(key)) continue;
    queued.add(key);
    queue.push(row);
  }
  const progress: RunProgress = { total: queue.length, done: 0, failed: 0, skipped: cases.length - queue.length, ratePerSecond: 0 };
  const started = Date.now();
  const appender = await JsonlAppender.open(options.out, { durable: true, lingerMs: WRITE_LINGER_MS });
  let next = 0;
  let turn = 0;

  let writeError: unknown;
  const written = (record: PredictionRecord) => {
    progress.done++;
    if (record.prediction.error) progress.failed++;
    const seconds = (Date.now() - started) / 1000;
    progress.ratePerSecond = seconds > 0 ? progress.done / seconds : 0;
    progress.etaSeconds = progress.ratePerSecond > 0 ? (progress.total - progress.done) / progress.ratePerSecond : undefined;
    options.onProgress?.({ ...progress });
  };

  // Workers go on to their next request while their records are written and fsynced; a case
  // counts as done once its record is on disk. Up to MAX_UNWRITTEN records wait for the disk;
  // past that a worker waits for its last one.
  let unwritten = 0;
  const worker = async (): Promise<void> => {
    let writing: Promise<void> = Promise.resolve();
    while (next < queue.length && !options.signal?.aborted && writeError === undefined) {
      const row = queue[next++]!;
      const endpoint = options.endpoints[turn++ % options.endpoints.length]!;
      const record = await runCase(row, endpoint, options);
      if (options.signal?.aborted) break;
      unwritten++;
      writing = appender.append(record).then(
        () => written(record),
        (err: unknown) => void (writeError ??= err),
      ).finally(() => unwritten--);
      if (unwritten >= MAX_UNWRITTEN) await writing;
    }
    await writing;
  };

  try {
    const workers = Math.max(1, Math.min(options.concurrency ?? 1, queue.length || 1));
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    await appender.close();
  }
  if (writeError !== undefined) throw writeError;
  return { ...progress, cancelled: options.signal?.aborted ?? false };
}

async function ask(endpoint: ChatModel, row: EvalRow, messages: EvalRow['conversation'], options: RunOptions): Promise<ChatResult> {
  const request: ChatRequest = { ...options.settings, messages, tools: row.tools };
  return endpoint.chat(request, options.signal ? { signal: options.signal } : {});
}

/** `error` is kept for failed requests; calls that did not decode are the model's doing, scored as such. */
function toPrediction(result: ChatResult): Prediction {
  return {
    raw_output: result.rawOutput,
    tool_calls: result.toolCalls,
    error: null,
    ...(result.parseErrors?.length ? { parse_errors: result.parseErrors } : {}),
  };
}

/** A row the scorer cannot judge is written unscored, with a problem, and the run goes on. */
function scoreOrSkip(row: EvalRow, prediction: Prediction, options: RunOptions): Score | undefined {
  try {
    return options.score?.(row, prediction);
  } catch (err) {
    if (!(err instanceof UnscorableError)) throw err;
    options.onProblem({ file: options.out, line: 0, severity: 'warning', message: `${row.id} (${splitOf(row)}): ${err.message}; written unscored` });
    return undefined;
  }
}

/** One case, one or two passes, never throws: a failed request becomes the record's error. */
export async function runCase(row: EvalRow, endpoint: ChatModel, options: RunOptions): Promise<PredictionRecord> {
  const startedAt = new Date();
  const split = splitOf(row);
  let prediction: Prediction;
  let perturbation = row.perturbation;
  try {
    const pass1 = await ask(endpoint, row, row.conversation, options);
    prediction = toPrediction(pass1);
    if (isFaultType(split)) {
      const second = buildSecondPass(row, pass1.toolCalls, split);
      const injected = second.ok;
      perturbation = { ...row.perturbation!, metadata: { ...row.perturbation?.metadata, pass1_had_tool_calls: injected } };
      if (second.ok) {
        const pass2 = await ask(endpoint, row, second.conversation, options);
        prediction = { ...toPrediction(pass2), pass1: { raw_output: pass1.rawOutput, tool_calls: pass1.toolCalls } };
      }
      prediction.transition_injected = injected;
    }
  } catch (err) {
    prediction = { raw_output: '', tool_calls: [], error: errorMessage(err) };
    if (isFaultType(split)) prediction.transition_injected = false;
  }
  const score = scoreOrSkip(row, prediction, options);
  return {
    ...row,
    perturbation,
    prediction,
    model: options.settings.model,
    run: options.runId,
    ...(score ? { score } : {}),
    timing: { latency_ms: Date.now() - startedAt.getTime(), started_at: startedAt.toISOString() },
  };
}
