import { errorMessage } from '../../common/errorMessage.js';
import { JsonlAppender, type ProblemSink } from '../formats/index.js';
import { type FaultType, isFaultType } from '../perturb/index.js';
import { type EvalRow, type Prediction, type PredictionRecord, type RunProtocol, type Score, splitOf } from '../schema/index.js';
import type { ChatModel, ChatRequest, ChatResult } from '../model/index.js';
import { type RunManifestContext, writeRunManifest } from './manifest.js';
import { isMultiTurn, protocolLabel, requestSettings, secondPass } from './runProtocol.js';
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

export interface RunOptions {
  /** One model served by one or more endpoints; requests go round-robin over them. */
  endpoints: ChatModel[];
  model: string;
  /** How every case is sent; recorded in each record. */
  protocol: RunProtocol;
  out: string;
  runId: string;
  concurrency?: number;
  signal?: AbortSignal;
  score?: (row: EvalRow, prediction: Prediction) => Score | undefined;
  onProgress?: (progress: RunProgress) => void;
  onProblem: ProblemSink;
  /** Given: `<out>.manifest.json` is written before the first request. */
  manifest?: RunManifestContext;
}

export interface RunProgress {
  total: number;
  /** Cases written in this run (skipped ones from an earlier run are not counted). */
  done: number;
  /** Cases whose request failed (the record holds the error). */
  failed: number;
  /** Cases already in the output file from an earlier run. */
  skipped: number;
  /** Multi-turn cases the protocol leaves out (the official runner skips them). */
  skippedMultiTurn: number;
  ratePerSecond: number;
  etaSeconds?: number;
}

export interface RunSummary extends RunProgress {
  cancelled: boolean;
  /** The error of the first request that failed in this run, if one did. */
  firstError?: string;
}

/**
 * Runs every case against the model and appends one prediction record per case to `out`,
 * fsynced, so a crash loses nothing written and a rerun with the same `out` does only the
 * cases that are missing. Transition cases take two passes (DESIGN.md §4).
 */
export async function runCases(cases: EvalRow[], options: RunOptions): Promise<RunSummary> {
  const { done, protocols } = await prepareResume(options.out, options.onProblem);
  const label = protocolLabel(options.protocol);
  const others = [...protocols.keys()].filter((p) => p !== label);
  if (others.length > 0) {
    throw new Error(`${options.out} holds records run with protocol ${others.join(', ')}; this run is ${label}. Records of two protocols in one file cannot be compared: write to another --out.`);
  }
  const queue: EvalRow[] = [];
  const queued = new Set<string>();
  const multiTurn: string[] = [];
  for (const row of cases) {
    if (options.protocol.skip_multi_turn && isMultiTurn(row)) {
      multiTurn.push(`${row.id} (${splitOf(row)})`);
      continue;
    }
    const key = caseKey(row.id, splitOf(row));
    if (done.has(key) || queued.has(key)) continue;
    queued.add(key);
    queue.push(row);
  }
  if (options.manifest) {
    await writeRunManifest(options.out, {
      version: options.manifest.toolVersion,
      run: options.runId,
      model: options.model,
      input: options.manifest.input,
      protocol: options.protocol,
      transitions: [...options.manifest.transitions],
      cases: cases.length,
      skipped_multi_turn: multiTurn,
      started_at: new Date().toISOString(),
    });
  }
  const progress: RunProgress = { total: queue.length, done: 0, failed: 0, skipped: cases.length - multiTurn.length - queue.length, skippedMultiTurn: multiTurn.length, ratePerSecond: 0 };
  const started = Date.now();
  const appender = await JsonlAppender.open(options.out, { durable: true, lingerMs: WRITE_LINGER_MS });
  let next = 0;
  let turn = 0;

  let writeError: unknown;
  let firstError: string | undefined;
  const written = (record: PredictionRecord) => {
    progress.done++;
    if (record.prediction.error) {
      progress.failed++;
      firstError ??= record.prediction.error;
    }
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
  return { ...progress, cancelled: options.signal?.aborted ?? false, ...(firstError !== undefined ? { firstError } : {}) };
}

async function ask(endpoint: ChatModel, row: EvalRow, messages: EvalRow['conversation'], options: RunOptions): Promise<ChatResult> {
  const request: ChatRequest = { model: options.model, ...requestSettings(options.protocol, row), messages, tools: row.tools };
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

/** A failed request as a prediction: no answer, the error kept. */
function failed(err: unknown): Prediction {
  return { raw_output: '', tool_calls: [], error: errorMessage(err) };
}

/**
 * A transition case: pass 1, then, if it made a call, pass 2 with the fault. A failed pass 2
 * keeps pass 1's answer beside its own error: the fault was injected, the model did not answer.
 */
async function runTransition(row: EvalRow, fault: FaultType, endpoint: ChatModel, options: RunOptions): Promise<{ prediction: Prediction; injected: boolean }> {
  const pass1 = await ask(endpoint, row, row.conversation, options);
  const second = secondPass(row, pass1.toolCalls, fault, options.protocol);
  if (!second.ok) return { prediction: { ...toPrediction(pass1), transition_injected: false }, injected: false };
  const kept = { raw_output: pass1.rawOutput, tool_calls: pass1.toolCalls };
  try {
    const pass2 = await ask(endpoint, row, second.conversation, options);
    return { prediction: { ...toPrediction(pass2), pass1: kept, transition_injected: true }, injected: true };
  } catch (err) {
    const error = failed(err);
    return { prediction: { ...error, error: `pass 2: ${error.error}`, pass1: kept, transition_injected: true }, injected: true };
  }
}

/** One case, one or two passes, never throws: a failed request becomes the record's error. */
export async function runCase(row: EvalRow, endpoint: ChatModel, options: RunOptions): Promise<PredictionRecord> {
  const startedAt = new Date();
  const split = splitOf(row);
  let prediction: Prediction;
  let perturbation = row.perturbation;
  try {
    if (isFaultType(split)) {
      const transition = await runTransition(row, split, endpoint, options);
      prediction = transition.prediction;
      perturbation = { ...row.perturbation!, metadata: { ...row.perturbation?.metadata, pass1_had_tool_calls: transition.injected, fault_style: options.protocol.fault_style } };
    } else {
      prediction = toPrediction(await ask(endpoint, row, row.conversation, options));
    }
  } catch (err) {
    prediction = failed(err);
    if (isFaultType(split)) prediction.transition_injected = false;
  }
  const score = scoreOrSkip(row, prediction, options);
  return {
    ...row,
    perturbation,
    prediction,
    model: options.model,
    run: options.runId,
    ...(score ? { score } : {}),
    timing: { latency_ms: Date.now() - startedAt.getTime(), started_at: startedAt.toISOString() },
    protocol: options.protocol,
  };
}
