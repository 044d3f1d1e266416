import type { ChatHistoryItem, ChatModelFunctionCall, ChatModelResponse } from 'node-llama-cpp';
import type { Turn } from './conversation.js';
import { parseJson } from './jsonText.js';
import type { PlainMessage } from './promptMode.js';
import type { ToolNameMap } from './toolNames.js';

/**
 * A conversation in node-llama-cpp's chat history form, ending with the empty model turn it
 * generates into. node-llama-cpp keeps a call's result inside the model turn that made the call,
 * so each tool message is attached to the call it answers; one that answers no call of the last
 * assistant turn goes in as a user message, the way prompt mode writes results.
 */
export function nativeChatHistory(turns: readonly Turn[], names: ToolNameMap): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = [];
  let pending = new Map<string, ChatModelFunctionCall>();
  for (const turn of turns) {
    switch (turn.role) {
      case 'system':
        history.push({ type: 'system', text: turn.content });
        break;
      case 'user':
        history.push({ type: 'user', text: turn.content });
        break;
      case 'assistant': {
        const calls = turn.calls.map((c): [string, ChatModelFunctionCall] => [
          c.id,
          { type: 'functionCall', name: names.toSafe(c.name), params: JSON.parse(c.argumentsJson) as unknown, result: undefined },
        ]);
        pending = new Map(calls);
        const response: ChatModelResponse['response'] = [...(turn.content ? [turn.content] : []), ...calls.map(([, call]) => call)];
        history.push({ type: 'model', response });
        break;
      }
      case 'tool': {
        const call = pending.get(turn.callId);
        pending.delete(turn.callId);
        if (call) call.result = toolResult(turn.content);
        else history.push({ type: 'user', text: `<tool_response>\n${turn.content}\n</tool_response>` });
        break;
      }
    }
  }
  history.push({ type: 'model', response: [] });
  return history;
}

/** Prompt mode: text messages only, the tools already described in the system message. */
export function plainChatHistory(messages: readonly PlainMessage[]): ChatHistoryItem[] {
  const history = messages.map((m): ChatHistoryItem => (m.role === 'assistant' ? { type: 'model', response: [m.content] } : { type: m.role, text: m.content }));
  history.push({ type: 'model', response: [] });
  return history;
}

/**
 * node-llama-cpp writes a call's result as JSON. A tool message that is JSON goes in as its value,
 * so it is written back the same; any other text goes in as a string, which it writes quoted.
 */
function toolResult(content: string): unknown {
  const parsed = parseJson(content);
  return parsed.ok ? parsed.value : content;
}
