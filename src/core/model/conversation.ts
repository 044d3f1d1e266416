import type { JsonValue, Message } from '../schema/index.js';
import { readCallObject } from './callObject.js';
import { clip, isJsonObject } from './jsonText.js';

/** A call the assistant made earlier in the conversation. */
export interface PastCall {
  id: string;
  name: string;
  /** The arguments as JSON text, the form OpenAI-style APIs expect. */
  argumentsJson: string;
}

/** One message of a conversation, in the shape every dialect is rendered from. */
export type Turn =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string; calls: PastCall[] }
  | { role: 'tool'; callId: string; name?: string; content: string };

/** A conversation that cannot be sent as it is; the message says which message and why. */
export class ConversationError extends Error {
  override name = 'ConversationError';
}

/**
 * Reads a conversation whose assistant calls may be in OpenAI form (`{id, type, function: {name,
 * arguments}}`, arguments a string or an object) or ours (`{name, parameters}`), gives calls
 * without an id one, and pairs each tool message without `tool_call_id` with the oldest call of
 * the last assistant turn that has no answer yet: benchmark histories often leave ids out.
 */
export function toTurns(messages: readonly Message[]): Turn[] {
  let unanswered: PastCall[] = [];
  let callCount = 0;
  return messages.map((message, index): Turn => {
    const content = message.content ?? '';
    switch (message.role) {
      case 'system':
      case 'user':
        return { role: message.role, content };
      case 'assistant': {
        const calls = (message.tool_calls ?? []).map((raw) => readCall(raw, index, `call_${callCount++}`));
        unanswered = [...calls];
        return { role: 'assistant', content, calls };
      }
      case 'tool': {
        const byId = message.tool_call_id === undefined ? undefined : unanswered.find((c) => c.id === message.tool_call_id);
        const call = byId ?? (message.tool_call_id === undefined ? unanswered[0] : undefined);
        unanswered = unanswered.filter((c) => c !== call);
        const callId = message.tool_call_id ?? call?.id ?? `call_${callCount++}`;
        const name = message.name ?? call?.name;
        return name === undefined ? { role: 'tool', callId, content } : { role: 'tool', callId, name, content };
      }
    }
  });
}

function readCall(raw: JsonValue, index: number, fallbackId: string): PastCall {
  const call = isJsonObject(raw) ? readCallObject(raw) : `a tool call must be an object, got ${clip(JSON.stringify(raw))}`;
  if (typeof call === 'string') throw new ConversationError(`message ${index + 1}: ${call}`);
  const id = isJsonObject(raw) && typeof raw.id === 'string' && raw.id ? raw.id : fallbackId;
  return { id, name: call.name, argumentsJson: JSON.stringify(call.parameters) };
}
