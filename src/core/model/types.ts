import type { Message, ToolCall, ToolSpec } from '../schema/index.js';

/**
 * `native`: tools go in the request's `tools` field and calls come back structured.
 * `prompt`: tools are described in the system prompt and calls are parsed from the text, for
 * models or servers without function calling.
 */
export type ToolMode = 'native' | 'prompt';

/** How prompt mode asks for calls: Hermes/Qwen `<tool_call>` JSON, or BFCL's `[f(a=1)]`. */
export type PromptStyle = 'tool_call_tags' | 'python_list';

export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

export interface ChatRequest {
  model: string;
  messages: Message[];
  tools: ToolSpec[];
  /** Defaults to `auto`. */
  toolChoice?: ToolChoice;
  temperature?: number;
  maxTokens?: number;
  seed?: number;
  /** Defaults to `native`. */
  toolMode?: ToolMode;
  /** Prompt mode only; defaults to `tool_call_tags`. */
  promptStyle?: PromptStyle;
}

export interface ChatOptions {
  /** Cancels the request, including any wait between retries. */
  signal?: AbortSignal;
}

/** For a backend that generates the answer itself and can hand it on as it grows. */
export interface StreamingChatOptions extends ChatOptions {
  /** Called with each piece of the answer's text as it is generated (not the calls). */
  onText?: (text: string) => void;
}

/**
 * Normalised over backends and tool modes: `tool_calls` whenever calls were found (Ollama and
 * prompt mode report `stop` for those), `length` when the token limit cut the answer.
 */
export type FinishReason = 'stop' | 'tool_calls' | 'length' | 'other';

export interface Usage {
  promptTokens?: number;
  completionTokens?: number;
}

export interface ChatResult {
  /**
   * The text the model wrote. In native mode the calls the server returned follow as one JSON
   * line `[{"name", "arguments"}]`, arguments exactly as received, so a malformed call can be seen.
   */
  rawOutput: string;
  /** The answer's text without the calls a server returned apart from it; in prompt mode the calls are in it. */
  text: string;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  usage?: Usage;
  latencyMs: number;
  /** Calls that were found but could not be decoded (bad JSON arguments, unparsable syntax). */
  parseErrors?: string[];
}

export interface ChatModel {
  chat(request: ChatRequest, options?: ChatOptions): Promise<ChatResult>;
}

/** Where a context window figure came from, so a warning can say how much to trust it. */
export interface ContextInfo {
  /** Tokens the server will actually use for one request, when known. */
  contextWindow?: number;
  source: string;
  /** Facts about the server's context handling a person should know before a run. */
  warnings: string[];
}

/** What preflight needs from a backend besides chatting. */
export interface ModelServer {
  /** A label for messages: the server's base URL, or a file path. */
  readonly location: string;
  listModels(options?: ChatOptions): Promise<string[]>;
  contextInfo(model: string, options?: ChatOptions): Promise<ContextInfo>;
}

export type ChatBackend = ChatModel & ModelServer;

/** A backend whose answers can be streamed as they are generated (the embedded one). */
export interface StreamingChatBackend extends ModelServer {
  chat(request: ChatRequest, options?: StreamingChatOptions): Promise<ChatResult>;
}
