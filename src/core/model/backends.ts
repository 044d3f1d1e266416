import { EmbeddedBackend } from './embedded.js';
import type { RetryEvent } from './http.js';
import { OllamaBackend } from './ollama.js';
import { OpenAICompatibleBackend } from './openaiCompatible.js';
import type { ChatBackend, StreamingChatBackend } from './types.js';

/** The wire format of a model server: OpenAI's `/v1/chat/completions` or Ollama's `/api/chat`. */
export type ServerApi = 'openai' | 'ollama';

export interface ServerSpec {
  kind: 'server';
  api: ServerApi;
  url: string;
  apiKey?: string;
}

export interface GgufSpec {
  kind: 'gguf';
  path: string;
  /** Requests generated at once, each in its own context sequence. */
  parallel?: number;
  threads?: number;
}

/** Where a model runs: a server speaking one of the two APIs, or a `.gguf` file loaded in-process. */
export type BackendSpec = ServerSpec | GgufSpec;

export interface BackendSettings {
  /** Limit for one request (one attempt, for a server); each backend's own default without it. */
  timeoutMs?: number;
  /** Retries of a failed server request; the HTTP policy's default when absent. */
  retries?: number;
  /** Told before each retry, for logs. */
  onRetry?: (event: RetryEvent) => void;
}

/**
 * A backend with its lifetime: an in-process model is loaded up front (so a bad file fails
 * before a run) and freed at the end; a server holds nothing of ours, so both resolve at once.
 */
export interface Backend extends ChatBackend {
  load(): Promise<void>;
  close(): Promise<void>;
}

/** An in-process model also hands on its answer's text as it is generated (what `serve` streams). */
export type StreamingBackend = Backend & StreamingChatBackend;

/** The one place the CLI and the extension turn settings into a backend. */
export function createBackend(spec: GgufSpec, settings?: BackendSettings): StreamingBackend;
export function createBackend(spec: BackendSpec, settings?: BackendSettings): Backend;
export function createBackend(spec: BackendSpec, settings: BackendSettings = {}): Backend {
  if (spec.kind === 'gguf') {
    return new EmbeddedBackend({
      modelPath: spec.path,
      ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}),
      ...(spec.parallel !== undefined ? { parallel: spec.parallel } : {}),
      ...(spec.threads !== undefined ? { threads: spec.threads } : {}),
    });
  }
  const policy = { ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}), ...(settings.retries !== undefined ? { retries: settings.retries } : {}) };
  const common = { baseUrl: spec.url, policy, ...(settings.onRetry ? { onRetry: settings.onRetry } : {}) };
  const server = spec.api === 'ollama' ? new OllamaBackend(common) : new OpenAICompatibleBackend({ ...common, ...(spec.apiKey ? { apiKey: spec.apiKey } : {}) });
  return Object.assign(server, { load: nothingHeld, close: nothingHeld });
}

async function nothingHeld(): Promise<void> {}
