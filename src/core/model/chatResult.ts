import type { JsonValue, ToolCall } from '../schema/index.js';
import { readCallObject } from './callObject.js';
import { parseToolCallText } from './toolCallText.js';
import type { ToolNameMap } from './toolNames.js';
import type { ChatResult, FinishReason, ToolMode, Usage } from './types.js';

/** What a server answered, before it is read in the request's tool mode. */
export interface ServerReply {
  content: string;
  /** Calls the server parsed itself (native mode); arguments as received, text or object. */
  calls: { name: string; arguments: JsonValue | undefined }[];
  /** The server's own word: `stop`, `tool_calls`, `length`, Ollama's `done_reason`…. */
  finishReason: string | undefined;
  usage?: Usage;
}

/** Turns a reply into the common result: names mapped back, calls decoded or parsed from text. */
export function toChatResult(reply: ServerReply, mode: ToolMode, names: ToolNameMap, startedAt: number): ChatResult {
  const parseErrors: string[] = [];
  let toolCalls: ToolCall[] = [];
  let rawOutput = reply.content;
  if (mode === 'native') {
    const received = reply.calls.map((c) => ({ name: names.toOriginal(c.name), arguments: c.arguments ?? {} }));
    for (const call of received) {
      const decoded = readCallObject(call);
      if (typeof decoded === 'string') parseErrors.push(decoded);
      else toolCalls.push(decoded);
    }
    if (received.length > 0) rawOutput = [reply.content, JSON.stringify(received)].filter(Boolean).join('\n');
  } else {
    const parsed = parseToolCallText(reply.content);
    toolCalls = parsed.calls;
    parseErrors.push(...parsed.errors);
  }
  const result: ChatResult = {
    rawOutput,
    text: reply.content,
    toolCalls,
    finishReason: finishReason(reply.finishReason, toolCalls.length + parseErrors.length > 0),
    latencyMs: Math.round(performance.now() - startedAt),
  };
  if (reply.usage) result.usage = reply.usage;
  if (parseErrors.length > 0) result.parseErrors = parseErrors;
  return result;
}

function finishReason(server: string | undefined, attemptedCalls: boolean): FinishReason {
  if (server === 'length') return 'length';
  if (attemptedCalls) return 'tool_calls';
  return server === 'stop' || server === 'tool_calls' ? 'stop' : 'other';
}
