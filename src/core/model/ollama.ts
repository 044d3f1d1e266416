import { z } from 'zod';
import { jsonValue } from '../schema/index.js';
import { toChatResult, type ServerReply } from './chatResult.js';
import type { Turn } from './conversation.js';
import { HttpClient, type HttpClientOptions, type ResponseBody } from './http.js';
import { defined } from './jsonText.js';
import { promptModeMessages } from './promptMode.js';
import { serverRoot } from './serverUrl.js';
import { functionTools, prepareRequest } from './requestParts.js';
import type { ToolNameMap } from './toolNames.js';
import type { ChatBackend, ChatOptions, ChatRequest, ChatResult, ContextInfo } from './types.js';

export interface OllamaOptions extends HttpClientOptions {
  /** `http://host:11434`, with or without `/api`. */
  baseUrl: string;
  /** Ask for an NDJSON stream (default false); the result is the same. */
  stream?: boolean;
  /** Sent as `options.num_ctx`. Without it Ollama uses its default and silently truncates longer prompts. */
  numCtx?: number;
}

/**
 * Ollama's default context before it became configurable per model was 2048 tokens, later 4096.
 * Preflight assumes the smaller when nothing says otherwise: a false "may not fit" costs a look,
 * a silent truncation costs a wrong result.
 */
export const OLLAMA_ASSUMED_DEFAULT_CONTEXT = 2048;

const messageSchema = z.looseObject({
  content: z.string().default(''),
  tool_calls: z.array(z.looseObject({ function: z.looseObject({ name: z.string(), arguments: jsonValue.optional() }) })).nullish(),
});

const chatSchema = z.looseObject({
  message: messageSchema.optional(),
  done: z.boolean().default(true),
  done_reason: z.string().optional(),
  prompt_eval_count: z.number().optional(),
  eval_count: z.number().optional(),
});

const tagsSchema = z.looseObject({ models: z.array(z.looseObject({ name: z.string() })) });

const showSchema = z.looseObject({
  model_info: z.record(z.string(), z.unknown()).optional(),
  parameters: z.string().optional(),
});

/** Ollama's native API: `POST /api/chat` (arguments as objects, NDJSON stream), `/api/tags`, `/api/show`. */
export class OllamaBackend implements ChatBackend {
  readonly location: string;
  private readonly http: HttpClient;
  private readonly stream: boolean;
  private readonly numCtx: number | undefined;

  constructor(options: OllamaOptions) {
    this.location = serverRoot(options.baseUrl, '/api');
    this.http = new HttpClient(options);
    this.stream = options.stream ?? false;
    this.numCtx = options.numCtx;
  }

  async chat(request: ChatRequest, options: ChatOptions = {}): Promise<ChatResult> {
    const startedAt = performance.now();
    const { mode, turns, names } = prepareRequest(request);
    // Ollama has no tool_choice: `none` is honoured by sending no tools; `required` and a named
    // tool cannot be enforced, so the model may answer in text.
    const sendTools = mode === 'native' && request.toolChoice !== 'none' && request.tools.length > 0;
    const body = {
      model: request.model,
      messages: mode === 'native' ? nativeMessages(turns, names) : promptModeMessages(turns, request),
      ...(sendTools ? { tools: functionTools(request.tools, names) } : {}),
      stream: this.stream,
      options: defined({ temperature: request.temperature, num_predict: request.maxTokens, seed: request.seed, num_ctx: this.numCtx }),
    };
    const http = { method: 'POST' as const, url: `${this.location}/api/chat`, body };
    const reply = await this.http.request(http, (response) => (this.stream ? readStream(response) : readChat(response)), options.signal);
    return toChatResult(reply, mode, names, startedAt);
  }

  async listModels(options: ChatOptions = {}): Promise<string[]> {
    const tags = await this.http.request({ method: 'GET', url: `${this.location}/api/tags` }, (b) => b.json(tagsSchema), options.signal);
    return tags.models.map((m) => m.name);
  }

  async contextInfo(model: string, options: ChatOptions = {}): Promise<ContextInfo> {
    const show = await this.http.request({ method: 'POST', url: `${this.location}/api/show`, body: { model } }, (b) => b.json(showSchema), options.signal);
    const trained = Object.entries(show.model_info ?? {}).find(([key, value]) => key.endsWith('.context_length') && typeof value === 'number')?.[1] as number | undefined;
    const fromModelfile = numCtxParameter(show.parameters);
    const upTo = trained ? ` (the model was trained for ${trained})` : '';
    if (this.numCtx) return { contextWindow: this.numCtx, source: 'num_ctx sent with each request', warnings: [] };
    if (fromModelfile) return { contextWindow: fromModelfile, source: "num_ctx in the model's Modelfile parameters", warnings: [] };
    return {
      contextWindow: OLLAMA_ASSUMED_DEFAULT_CONTEXT,
      source: `Ollama's default context, assumed ${OLLAMA_ASSUMED_DEFAULT_CONTEXT}`,
      warnings: [
        `Ollama runs ${model} with its default context (2048 or 4096 tokens, by version) and silently drops the start of a longer prompt; set num_ctx${upTo} in the RobustLens model settings or the Modelfile.`,
      ],
    };
  }
}

/** `num_ctx 8192` among the newline-separated parameters `/api/show` returns. */
function numCtxParameter(parameters: string | undefined): number | undefined {
  const match = /^\s*num_ctx\s+(\d+)\s*$/m.exec(parameters ?? '');
  return match ? Number(match[1]) : undefined;
}

function nativeMessages(turns: readonly Turn[], names: ToolNameMap): unknown[] {
  return turns.map((turn) => {
    switch (turn.role) {
      case 'system':
      case 'user':
        return { role: turn.role, content: turn.content };
      case 'assistant':
        return {
          role: 'assistant',
          content: turn.content,
          ...(turn.calls.length > 0
            ? { tool_calls: turn.calls.map((c) => ({ function: { name: names.toSafe(c.name), arguments: JSON.parse(c.argumentsJson) as unknown } })) }
            : {}),
        };
      case 'tool':
        return { role: 'tool', content: turn.content, ...(turn.name ? { tool_name: names.toSafe(turn.name) } : {}) };
    }
  });
}

function toReply(message: z.infer<typeof messageSchema> | undefined, last: z.infer<typeof chatSchema>, content = message?.content ?? ''): ServerReply {
  return {
    content,
    calls: (message?.tool_calls ?? []).map((c) => ({ name: c.function.name, arguments: c.function.arguments })),
    finishReason: last.done_reason,
    usage: defined({ promptTokens: last.prompt_eval_count, completionTokens: last.eval_count }),
  };
}

async function readChat(body: ResponseBody): Promise<ServerReply> {
  const chat = await body.json(chatSchema);
  return toReply(chat.message, chat);
}

/** NDJSON: text arrives in pieces, each tool call whole in one line, counts in the `done` line. */
async function readStream(body: ResponseBody): Promise<ServerReply> {
  let content = '';
  const calls: NonNullable<z.infer<typeof messageSchema>['tool_calls']> = [];
  for await (const line of body.lines()) {
    if (!line.trim()) continue;
    const chunk = body.parse(line, chatSchema, 'a stream line');
    content += chunk.message?.content ?? '';
    calls.push(...(chunk.message?.tool_calls ?? []));
    if (chunk.done) return toReply({ content, tool_calls: calls }, chunk, content);
  }
  throw body.error('connection_lost', 'the stream ended before its "done" line', content);
}
