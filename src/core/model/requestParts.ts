import type { ToolSpec } from '../schema/index.js';
import { toTurns, type Turn } from './conversation.js';
import { toolParametersSchema } from './jsonSchema.js';
import { ToolNameMap } from './toolNames.js';
import type { ChatRequest, ToolMode } from './types.js';

/** What every backend derives from a request before writing it in its dialect. */
export interface PreparedRequest {
  mode: ToolMode;
  turns: Turn[];
  /** Covers the offered tools and the tools called earlier in the conversation. */
  names: ToolNameMap;
}

export function prepareRequest(request: ChatRequest): PreparedRequest {
  const turns = toTurns(request.messages);
  const pastCalls = turns.flatMap((t) => (t.role === 'assistant' ? t.calls : []));
  return { mode: request.toolMode ?? 'native', turns, names: new ToolNameMap([...request.tools, ...pastCalls]) };
}

/** The `tools` field both the OpenAI and the Ollama dialect take. */
export function functionTools(tools: readonly ToolSpec[], names: ToolNameMap): unknown[] {
  return tools.map((t) => ({
    type: 'function',
    function: { name: names.toSafe(t.name), description: t.description, parameters: toolParametersSchema(t.parameters) },
  }));
}
