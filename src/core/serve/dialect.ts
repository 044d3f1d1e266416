import type { ChatRequest, ChatResult } from '../model/index.js';

/** A chat request as one API dialect asked for it. */
export interface DialectRequest {
  request: ChatRequest;
  stream: boolean;
  /** OpenAI's `stream_options.include_usage`: a last chunk with the token counts. */
  includeUsage: boolean;
}

/** What every answer of one exchange carries. */
export interface AnswerContext {
  id: string;
  model: string;
  /** Seconds since the epoch. */
  created: number;
}

/** How one API (OpenAI chat completions, Ollama chat) reads requests and writes answers. */
export interface ChatDialect {
  /** A valid request, or an `HttpError(400)` that says what is wrong. */
  parse(body: unknown): DialectRequest;
  whole(result: ChatResult, context: AnswerContext): unknown;
  streamContentType: string;
  /** What opens the stream, before any text. */
  streamStart(context: AnswerContext): string;
  /** A piece of text as the stream frames it. */
  streamText(text: string, context: AnswerContext): string;
  /** What ends the stream: the calls, the finish reason, the counts. */
  streamEnd(result: ChatResult, context: AnswerContext, includeUsage: boolean): string[];
  /** An error, as the body of a non-2xx answer. */
  errorBody(message: string, status: number): unknown;
  /** An error after a stream has begun: the status is sent, so the stream says it. */
  streamError(message: string): string;
}
