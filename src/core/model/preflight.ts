import { ModelRequestError } from './errors.js';
import { prepareRequest } from './requestParts.js';
import { promptModeMessages } from './promptMode.js';
import type { ChatOptions, ChatRequest, ModelServer } from './types.js';
import { errorMessage } from '../../common/errorMessage.js';

export interface PreflightCheck {
  level: 'ok' | 'warning' | 'error';
  message: string;
}

export interface PreflightReport {
  /** False when a run would fail: the server cannot be reached or does not have the model. */
  ok: boolean;
  checks: PreflightCheck[];
  /** The models the server offers (empty when it could not be asked). */
  models: string[];
  contextWindow?: number;
  /** A rough estimate, see `estimatePromptTokens`. */
  promptTokens: number;
}

/**
 * Before a quick-run: is the server there, does it have the model, and will the prompt fit?
 * Problems are collected, not thrown, so a person sees all of them at once.
 */
export async function preflight(server: ModelServer, request: ChatRequest, options: ChatOptions = {}): Promise<PreflightReport> {
  const checks: PreflightCheck[] = [];
  const promptTokens = estimatePromptTokens(request);
  let models: string[];
  try {
    models = await server.listModels(options);
  } catch (err) {
    checks.push({ level: 'error', message: `cannot reach ${server.location}: ${errorMessage(err)}` });
    return { ok: false, checks, models: [], promptTokens };
  }
  checks.push({ level: 'ok', message: `${server.location} answers` });

  const model = findModel(models, request.model);
  if (model === undefined) {
    const offered = models.length ? models.join(', ') : 'none';
    checks.push({ level: 'error', message: `model "${request.model}" is not on ${server.location}; it has: ${offered}` });
    return { ok: false, checks, models, promptTokens };
  }
  checks.push({ level: 'ok', message: `model "${model}" is available` });

  let contextWindow: number | undefined;
  try {
    const info = await server.contextInfo(model, options);
    contextWindow = info.contextWindow;
    checks.push(...info.warnings.map((message) => ({ level: 'warning' as const, message })));
    if (contextWindow === undefined) {
      checks.push({ level: 'warning', message: `the context window is unknown (${info.source}); cannot check that the prompt fits` });
    } else {
      checks.push(fitCheck(promptTokens, request.maxTokens, contextWindow, info.source));
    }
  } catch (err) {
    if (!(err instanceof ModelRequestError)) throw err;
    checks.push({ level: 'warning', message: `could not read the context window: ${err.message}` });
  }
  const report: PreflightReport = { ok: !checks.some((c) => c.level === 'error'), checks, models, promptTokens };
  if (contextWindow !== undefined) report.contextWindow = contextWindow;
  return report;
}

/**
 * Characters / 4, over everything the prompt holds (messages, tool definitions, prompt-mode
 * instructions). That is the usual ratio for English and JSON under BPE tokenizers; code, numbers
 * and non-Latin scripts take more tokens per character, so treat the figure as a rough guide.
 */
export function estimatePromptTokens(request: ChatRequest): number {
  const { mode, turns } = prepareRequest(request);
  const text = mode === 'native' ? JSON.stringify(turns) + JSON.stringify(request.tools) : JSON.stringify(promptModeMessages(turns, request));
  return Math.ceil(text.length / 4);
}

/** Ollama lists `name:tag`; a request for `llama3.2` means `llama3.2:latest`. */
function findModel(models: readonly string[], wanted: string): string | undefined {
  return models.find((m) => m === wanted) ?? models.find((m) => m === `${wanted}:latest`);
}

function fitCheck(promptTokens: number, maxTokens: number | undefined, contextWindow: number, source: string): PreflightCheck {
  const needed = promptTokens + (maxTokens ?? 0);
  const answer = maxTokens === undefined ? '' : ` plus ${maxTokens} tokens for the answer`;
  const what = `the prompt (≈${promptTokens} tokens, estimated as characters / 4)${answer}`;
  if (needed > contextWindow) {
    return { level: 'warning', message: `${what} may not fit the context window of ${contextWindow} tokens (${source}); the server may truncate or refuse it` };
  }
  return { level: 'ok', message: `${what} fits the context window of ${contextWindow} tokens (${source})` };
}
