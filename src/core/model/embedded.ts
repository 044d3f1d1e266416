import { availableParallelism } from 'node:os';
import { basename, resolve } from 'node:path';
import type { ChatModelFunctions, ChatWrapper, Llama, LlamaChatResponseFunctionCallParamsChunk, LlamaContextSequence, LlamaModel } from 'node-llama-cpp';
import type { JsonObject, JsonValue } from '../schema/index.js';
import { withCallPolicy } from './callTriggers.js';
import { toChatResult, type ServerReply } from './chatResult.js';
import { ModelRequestError, type ModelRequestErrorKind } from './errors.js';
import { ggufModelFacts, readGgufHeader, type GgufModelFacts } from './gguf.js';
import { dropOmitted, toGrammarSchema } from './grammarSchema.js';
import { nativeChatHistory, plainChatHistory } from './llamaChatHistory.js';
import { loadLlama, loadNodeLlamaCpp, type NodeLlamaCpp } from './llamaRuntime.js';
import { defined, isJsonObject } from './jsonText.js';
import { promptModeMessages } from './promptMode.js';
import { prepareRequest, type PreparedRequest } from './requestParts.js';
import { SlotPool } from './slotPool.js';
import type { ChatBackend, ChatRequest, ChatResult, ContextInfo, StreamingChatBackend, StreamingChatOptions } from './types.js';
import { errorMessage } from '../../common/errorMessage.js';

export interface EmbeddedOptions {
  modelPath: string;
  /** Requests generated at once, each in its own context sequence (default 1); more wait their turn. */
  parallel?: number;
  /** Tokens per sequence; default the model's trained context, at most `DEFAULT_MAX_CONTEXT`. */
  contextSize?: number;
  /** CPU threads; default every core the process may use. */
  threads?: number;
  /** Limit for one request's generation, counted from when it gets a sequence (default 120 s). */
  timeoutMs?: number;
}

/** A larger context costs memory per sequence for every request; 8192 tokens hold any BFCL prompt. */
export const DEFAULT_MAX_CONTEXT = 8192;
const DEFAULT_TIMEOUT_MS = 120_000;

interface Runtime {
  nlc: NodeLlamaCpp;
  model: LlamaModel;
  wrapper: ChatWrapper;
  sequences: SlotPool<LlamaContextSequence>;
}

/**
 * llama.cpp in-process through node-llama-cpp: one `.gguf` loaded once, on first use, and shared
 * by every request; `parallel` context sequences serve that many requests at once (llama.cpp
 * evaluates them in one batch). Native mode uses node-llama-cpp's function calling, its
 * grammar constraining each call to the tool's schema; prompt mode generates plain text and
 * parses the calls from it like the HTTP backends do. Failures are `ModelRequestError`s, named
 * after the model file, so a run records them per case as it does a server's.
 */
export class EmbeddedBackend implements ChatBackend, StreamingChatBackend {
  readonly location: string;
  private facts: Promise<GgufModelFacts> | undefined;
  private runtime: Promise<Runtime> | undefined;

  constructor(private readonly options: EmbeddedOptions) {
    this.location = resolve(options.modelPath);
  }

  /** Loads the model now rather than on the first request, so a bad file fails before a run starts. */
  async load(): Promise<void> {
    await this.loaded();
  }

  /**
   * The model's own name (`general.name`), else the file name without `.gguf`. The llama.cpp
   * runtime starts here too, so a preflight that passes means a run can start: a missing or
   * broken native runtime (e.g. an install without node-llama-cpp) fails before any request.
   */
  async listModels(): Promise<string[]> {
    const facts = await this.modelFacts();
    await this.runtimeReady();
    return [facts.name ?? basename(this.location).replace(/\.gguf$/i, '')];
  }

  async contextInfo(): Promise<ContextInfo> {
    const facts = await this.modelFacts();
    const trained = facts.contextLength === undefined ? '' : `; the model was trained for ${facts.contextLength}`;
    return { contextWindow: this.contextSize(facts), source: `context per sequence of the embedded runtime${trained}`, warnings: [] };
  }

  async chat(request: ChatRequest, options: StreamingChatOptions = {}): Promise<ChatResult> {
    const startedAt = performance.now();
    const prepared = prepareRequest(request);
    const runtime = await this.loaded();
    const sequence = await runtime.sequences.acquire(options.signal, () => embeddedError(this.location, 'aborted', 'cancelled by the caller'));
    try {
      const reply = await this.generate(runtime, sequence, request, prepared, options);
      return toChatResult(reply, prepared.mode, prepared.names, startedAt);
    } finally {
      runtime.sequences.release(sequence);
    }
  }

  /** Frees the model; requests after this fail. */
  async close(): Promise<void> {
    const runtime = await this.runtime?.catch(() => undefined);
    await runtime?.model.dispose();
  }

  private modelFacts(): Promise<GgufModelFacts> {
    return (this.facts ??= readGgufHeader(this.location).then(ggufModelFacts));
  }

  private contextSize(facts: GgufModelFacts): number {
    return this.options.contextSize ?? Math.min(facts.contextLength ?? DEFAULT_MAX_CONTEXT, DEFAULT_MAX_CONTEXT);
  }

  private loaded(): Promise<Runtime> {
    return (this.runtime ??= this.startRuntime());
  }

  private async runtimeReady(): Promise<{ nlc: NodeLlamaCpp; llama: Llama; threads: number }> {
    const threads = this.options.threads ?? availableParallelism();
    try {
      return { nlc: await loadNodeLlamaCpp(), llama: await loadLlama(threads), threads };
    } catch (err) {
      throw new Error(`the llama.cpp runtime (node-llama-cpp) cannot start: ${errorMessage(err)}`, { cause: err });
    }
  }

  private async startRuntime(): Promise<Runtime> {
    const { nlc, llama, threads } = await this.runtimeReady();
    const facts = await this.modelFacts();
    const model = await llama.loadModel({ modelPath: this.location });
    try {
      const parallel = Math.max(1, this.options.parallel ?? 1);
      const context = await model.createContext({ contextSize: this.contextSize(facts), sequences: parallel, threads });
      const sequences = Array.from({ length: parallel }, () => context.getSequence());
      return { nlc, model, wrapper: nlc.resolveChatWrapper(model), sequences: new SlotPool(sequences) };
    } catch (err) {
      await model.dispose();
      throw err;
    }
  }

  private async generate(runtime: Runtime, sequence: LlamaContextSequence, request: ChatRequest, prepared: PreparedRequest, options: StreamingChatOptions): Promise<ServerReply> {
    const { nlc, model } = runtime;
    const { mode, turns, names } = prepared;
    const choice = request.toolChoice ?? 'auto';
    const functions = mode === 'native' && choice !== 'none' ? grammarFunctions(request, prepared) : undefined;
    const history = mode === 'native' ? nativeChatHistory(turns, names) : plainChatHistory(promptModeMessages(turns, request));
    const wrapper = withCallPolicy(nlc, runtime.wrapper, choice === 'auto' || choice === 'none' ? 'auto' : 'required');
    // Counted here rather than left to node-llama-cpp, which would drop the start of a prompt that
    // does not fit; the answer is capped to the room left, for the same reason.
    const promptTokens = wrapper.generateContextState({ chatHistory: history, availableFunctions: functions }).contextText.tokenize(model.tokenizer).length;
    const room = sequence.contextSize - promptTokens;
    if (room <= 0) throw embeddedError(this.location, 'too_large', `the prompt (${promptTokens} tokens) does not fit the context window of ${sequence.contextSize} tokens`);
    const chat = new nlc.LlamaChat({ contextSequence: sequence, chatWrapper: wrapper });
    const outputBefore = sequence.tokenMeter.usedOutputTokens;
    const partial = new Map<number, { name: string; arguments: string }>();
    const response = await this.withDeadline(nlc, options.signal, (signal) =>
      chat.generateResponse(history, {
        ...(functions ? { functions, onFunctionCallParamsChunk: (c) => keepPartialCall(partial, c) } : {}),
        maxTokens: Math.min(request.maxTokens ?? room, room),
        ...defined({ temperature: request.temperature, seed: request.seed, onTextChunk: options.onText }),
        signal,
      }),
    ).finally(() => chat.dispose({ disposeSequence: false }));

    const finished = (response.functionCalls ?? []).map((call) => {
      const tool = request.tools.find((t) => names.toSafe(t.name) === call.functionName);
      // The grammar made an object of it; the response type cannot say so for functions built at run time.
      const raw = call.params as unknown as JsonValue;
      const params: JsonObject = isJsonObject(raw) ? raw : {};
      return { name: call.functionName, arguments: tool ? dropOmitted(tool.parameters, params) : params };
    });
    // A call the token limit cut off goes on as the text it got to, so the answer shows it (and
    // reads as a call whose arguments are not JSON) instead of vanishing.
    const cut = [...partial.entries()].filter(([index]) => index >= finished.length).map(([, call]) => call);
    const stopReason = response.metadata.stopReason;
    return {
      content: response.response,
      calls: [...finished, ...cut],
      finishReason: stopReason === 'maxTokens' ? 'length' : finished.length > 0 ? 'tool_calls' : 'stop',
      usage: { promptTokens, completionTokens: sequence.tokenMeter.usedOutputTokens - outputBefore },
    };
  }

  /**
   * Runs one generation under the request's timeout and the caller's signal, and turns its
   * failures into this backend's errors. The timeout starts here, once the request has a
   * sequence: waiting for one is not the model being slow.
   */
  private async withDeadline<T>(nlc: NodeLlamaCpp, caller: AbortSignal | undefined, generate: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let timedOut = false;
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const cancel = () => controller.abort();
    caller?.addEventListener('abort', cancel, { once: true });
    try {
      return await generate(controller.signal);
    } catch (err) {
      if (caller?.aborted) throw embeddedError(this.location, 'aborted', 'cancelled by the caller');
      if (timedOut) throw embeddedError(this.location, 'timeout', `no complete answer within ${timeoutMs} ms`, err);
      throw generationError(nlc, err, this.location);
    } finally {
      clearTimeout(timer);
      caller?.removeEventListener('abort', cancel);
    }
  }
}

function keepPartialCall(calls: Map<number, { name: string; arguments: string }>, chunk: LlamaChatResponseFunctionCallParamsChunk): void {
  const call = calls.get(chunk.callIndex) ?? { name: chunk.functionName, arguments: '' };
  call.arguments += chunk.paramsChunk;
  calls.set(chunk.callIndex, call);
}

/**
 * What a failed generation becomes. node-llama-cpp's grammar admits numbers its own validator
 * rejects (an `integer` with an exponent such as `2311675959E675` parses to Infinity) and then
 * throws; that, and a call it cannot parse, are failures of this request, not of the process.
 * Anything else is returned as it is.
 */
export function generationError(nlc: NodeLlamaCpp, err: unknown, location: string): unknown {
  // LlamaFunctionCallValidationError is not exported, so it is known by its class name.
  const rejected = err instanceof nlc.LlamaJsonSchemaValidationError || err instanceof SyntaxError || (err instanceof Error && err.constructor.name === 'LlamaFunctionCallValidationError');
  if (!rejected) return err;
  return embeddedError(location, 'malformed', `the runtime rejected the function call the model wrote under its own grammar (${errorMessage(err)})`, err);
}

function embeddedError(location: string, kind: ModelRequestErrorKind, summary: string, cause?: unknown): ModelRequestError {
  return new ModelRequestError({ method: 'generate', url: location, kind, summary, cause });
}

/** The offered tools, or only the named one, as node-llama-cpp functions under their safe names. */
function grammarFunctions(request: ChatRequest, { names }: PreparedRequest): ChatModelFunctions | undefined {
  const choice = request.toolChoice;
  const tools = typeof choice === 'object' ? request.tools.filter((t) => t.name === choice.name) : request.tools;
  if (tools.length === 0) return undefined;
  return Object.fromEntries(tools.map((t) => [names.toSafe(t.name), { description: t.description, params: toGrammarSchema(t.parameters) }])) as ChatModelFunctions;
}
