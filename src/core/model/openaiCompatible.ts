import { z } from 'zod';
import { jsonValue, type ToolSpec } from '../schema/index.js';
import { toChatResult, type ServerReply } from './chatResult.js';
import type { Turn } from './conversation.js';
import { ModelRequestError } from './errors.js';
import { HttpClient, type HttpClientOptions, type ResponseBody } from './http.js';
import { defined } from './jsonText.js';
import { promptModeMessages } from './promptMode.js';
import { serverRoot } from './serverUrl.js';
import { sseData } from './streamLines.js';
import { functionTools, prepareRequest } from './requestParts.js';
import type { ToolNameMap } from './toolNames.js';
import type { ChatBackend, ChatOptions, ChatRequest, ChatResult, ContextInfo, ToolChoice } from './types.js';

export interface OpenAICompatibleOptions extends HttpClientOptions {
  /** `http://host:port`, with or without the `/v1` suffix. */
  baseUrl: string;
  /** Sent as a bearer token; local servers mostly need none. */
  apiKey?: string;
  /** Ask for a server-sent-event stream (default false); the result is the same. */
  stream?: boolean;
}

const usageSchema = z
  .looseObject({ prompt_tokens: z.number().optional(), completion_tokens: z.number().optional() })
  .nullish();

const completionSchema = z.looseObject({
  choices: z
    .array(
      z.looseObject({
        message: z.looseObject({
          content: z.string().nullish(),
          tool_calls: z
            .array(z.looseObject({ function: z.looseObject({ name: z.string(), arguments: jsonValue.optional() }) }))
            .nullish(),
        }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: usageSchema,
});

const chunkSchema = z.looseObject({
  choices: z
    .array(
      z.looseObject({
        delta: z
          .looseObject({
            content: z.string().nullish(),
            tool_calls: z
              .array(
                z.looseObject({
                  index: z.number().optional(),
                  id: z.string().nullish(),
                  function: z.looseObject({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
                }),
              )
              .nullish(),
          })
          .nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .default([]),
  usage: usageSchema,
});

const modelsSchema = z.looseObject({
  data: z.array(z.looseObject({ id: z.string(), max_model_len: z.number().optional() })),
});

const propsSchema = z.looseObject({
  default_generation_settings: z.looseObject({ n_ctx: z.number() }),
});

/**
 * `POST /v1/chat/completions` as vLLM, llama.cpp's llama-server, LM Studio and Ollama's `/v1`
 * speak it, with `GET /v1/models` for discovery and llama-server's `GET /props` for the context.
 */
export class OpenAICompatibleBackend implements ChatBackend {
  readonly location: string;
  private readonly http: HttpClient;
  private readonly stream: boolean;

  constructor(options: OpenAICompatibleOptions) {
    this.location = serverRoot(options.baseUrl, '/v1');
    const headers = { ...options.headers, ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) };
    this.http = new HttpClient({ ...options, headers });
    this.stream = options.stream ?? false;
  }

  async chat(request: ChatRequest, options: ChatOptions = {}): Promise<ChatResult> {
    const startedAt = performance.now();
    const { mode, turns, names } = prepareRequest(request);
    const body = {
      model: request.model,
      messages: mode === 'native' ? nativeMessages(turns, names) : promptModeMessages(turns, request),
      ...(mode === 'native' ? nativeTools(request.tools, request.toolChoice, names) : {}),
      ...defined({ temperature: request.temperature, max_tokens: request.maxTokens, seed: request.seed }),
      stream: this.stream,
      ...(this.stream ? { stream_options: { include_usage: true } } : {}),
    };
    const http = { method: 'POST' as const, url: `${this.location}/v1/chat/completions`, body };
    const reply = await this.http.request(http, (response) => (this.stream ? readStream(response) : readCompletion(response)), options.signal);
    return toChatResult(reply, mode, names, startedAt);
  }

  async listModels(options: ChatOptions = {}): Promise<string[]> {
    return (await this.models(options)).map((m) => m.id);
  }

  async contextInfo(model: string, options: ChatOptions = {}): Promise<ContextInfo> {
    const served = (await this.models(options)).find((m) => m.id === model);
    if (served?.max_model_len) return { contextWindow: served.max_model_len, source: 'max_model_len from /v1/models (vLLM)', warnings: [] };
    try {
      const props = await this.http.request({ method: 'GET', url: `${this.location}/props` }, (b) => b.json(propsSchema), options.signal);
      return { contextWindow: props.default_generation_settings.n_ctx, source: 'n_ctx per slot from /props (llama-server)', warnings: [] };
    } catch (err) {
      // Only llama-server has /props; elsewhere the context window is simply not published.
      if (err instanceof ModelRequestError && (err.kind === 'http' || err.kind === 'malformed')) {
        return { source: 'not published by this server', warnings: [] };
      }
      throw err;
    }
  }

  private async models(options: ChatOptions) {
    const response = await this.http.request({ method: 'GET', url: `${this.location}/v1/models` }, (b) => b.json(modelsSchema), options.signal);
    return response.data;
  }
}

function nativeMessages(turns: readonly Turn[], names: ToolNameMap): unknown[] {
  return turns.map((turn) => {
    switch (turn.role) {
      case 'system':
      case 'user':
        return { role: turn.role, content: turn.content };
      case 'assistant':
        if (turn.calls.length === 0) return { role: 'assistant', content: turn.content };
        return {
          role: 'assistant',
          // Some servers reject an empty string beside tool calls but accept null.
          content: turn.content || null,
          tool_calls: turn.calls.map((c) => ({ id: c.id, type: 'function', function: { name: names.toSafe(c.name), arguments: c.argumentsJson } })),
        };
      case 'tool':
        return { role: 'tool', tool_call_id: turn.callId, content: turn.content, ...(turn.name ? { name: names.toSafe(turn.name) } : {}) };
    }
  });
}

function nativeTools(tools: readonly ToolSpec[], choice: ToolChoice | undefined, names: ToolNameMap): Record<string, unknown> {
  // An empty `tools` array is an error on some servers; no tools means no tool fields at all.
  if (tools.length === 0) return {};
  return {
    tools: functionTools(tools, names),
    tool_choice: typeof choice === 'object' ? { type: 'function', function: { name: names.toSafe(choice.name) } } : (choice ?? 'auto'),
  };
}

async function readCompletion(body: ResponseBody): Promise<ServerReply> {
  const completion = await body.json(completionSchema);
  const choice = completion.choices[0]!;
  return {
    content: choice.message.content ?? '',
    calls: (choice.message.tool_calls ?? []).map((c) => ({ name: c.function.name, arguments: c.function.arguments })),
    finishReason: choice.finish_reason ?? undefined,
    ...usage(completion.usage),
  };
}

/** Accumulates a chat-completions SSE stream: text deltas, and tool-call deltas by their index. */
async function readStream(body: ResponseBody): Promise<ServerReply> {
  // Some servers ignore `stream` and answer whole.
  if (body.contentType === 'application/json') return readCompletion(body);
  let content = '';
  const calls: { name: string; arguments: string }[] = [];
  let finishReason: string | undefined;
  let usageSeen: z.infer<typeof usageSchema>;
  for await (const data of sseData(body)) {
    if (data === '[DONE]') return { content, calls, finishReason, ...usage(usageSeen) };
    const chunk = body.parse(data, chunkSchema, 'a stream event');
    usageSeen = chunk.usage ?? usageSeen;
    for (const choice of chunk.choices) {
      content += choice.delta?.content ?? '';
      finishReason = choice.finish_reason ?? finishReason;
      for (const [position, delta] of (choice.delta?.tool_calls ?? []).entries()) {
        const index = delta.index ?? position;
        const call = (calls[index] ??= { name: '', arguments: '' });
        // The name comes once, in the call's first delta; the arguments arrive in pieces.
        if (!call.name && delta.function?.name) call.name = delta.function.name;
        call.arguments += delta.function?.arguments ?? '';
      }
    }
  }
  throw body.error('connection_lost', 'the event stream ended before [DONE]', content);
}

function usage(raw: z.infer<typeof usageSchema>): Pick<ServerReply, 'usage'> {
  if (!raw) return {};
  return { usage: defined({ promptTokens: raw.prompt_tokens, completionTokens: raw.completion_tokens }) };
}
