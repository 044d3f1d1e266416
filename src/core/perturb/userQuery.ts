import type { EvalRow, Message } from '../schema/index.js';

export interface UserQuery {
  /** Index of the message in the conversation. */
  index: number;
  content: string;
}

/** The last user message: the query observation perturbations act on. */
export function lastUserQuery(row: EvalRow): UserQuery | undefined {
  for (let i = row.conversation.length - 1; i >= 0; i--) {
    const message = row.conversation[i]!;
    if (message.role === 'user' && typeof message.content === 'string' && message.content.trim() !== '') {
      return { index: i, content: message.content };
    }
  }
  return undefined;
}

/** A copy of the conversation with one message's text replaced; the other messages are shared. */
export function withMessageContent(conversation: readonly Message[], index: number, content: string): Message[] {
  const out = [...conversation];
  out[index] = { ...out[index]!, content };
  return out;
}
