import { z } from 'zod';
import type { ChatResult } from '../model/index.js';
import { jsonObject, type Message } from '../schema/index.js';
import type { AnswerContext, ChatDialect, DialectRequest } from './dialect.js';
import { validate } from './httpIo.js';
import { finishReason, toToolSpecs, toolsField } from './requestParts.js';

const messageSchema = z.looseObject({
  role: z.enum(['system', 'user', 'assistant', 'tool']),
  content: z.string().nullish(),
  tool_calls: z.array(z.looseObject({ function: z.looseObject({ name: z.string().min(1), arguments: jsonObject.optional() }) })).nullish(),
  tool_name: z.string().optional(),
});

const requestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(messageSchema).min(1),
  tools: toolsField,
  stream: z.boolean().nullish(),
  options: z
    .looseObject({ temperature: z.number().min(0).nullish(), num_predict: z.number().int().nullish(), seed: z.number().int().nullish() })
    .nullish(),
});

function toMessage(message: z.infer<typeof messageSchema>): Message {
  return {
    role: message.role,
    content: message.content ?? '',
    ...(message.tool_name ? { name: message.tool_name } : {}),
    ...(message.tool_calls?.length ? { tool_calls: message.tool_calls.map((c) => ({ function: { name: c.function.name, arguments: c.function.arguments ?? {} } })) } : {}),
  };
}

function parse(body: unknown): DialectRequest {
  const raw = validate(requestSchema, body);
  const options = raw.options ?? {};
  // num_predict -1 (or -2) means "until the context is full", which is what no limit means here.
  const maxTokens = options.num_predict != null && options.num_predict > 0 ? options.num_predict : undefined;
  return {
    request: {
      model: raw.model,
      messages: raw.messages.map(toMessage),
      tools: toToolSpecs(raw.tools),
      toolMode: 'native',
      ...(options.temperature != null ? { temperature: options.temperature } : {}),
      ...(maxTokens !== undefined ? { maxTokens } : {}),
      ...(options.seed != null ? { seed: options.seed } : {}),
    },
    // Ollama streams unless told not to.
    stream: raw.stream !== false,
    includeUsage: false,
  };
}

function line(context: AnswerContext, fields: Record<string, unknown>): string {
  return `${JSON.stringify({ model: context.model, created_at: new Date(context.created * 1000).toISOString(), ...fields })}\n`;
}

function calls(result: ChatResult) {
  return result.toolCalls.map((call) => ({ function: { name: call.name, arguments: call.parameters } }));
}

function done(result: ChatResult) {
  return { done: true, done_reason: finishReason(result) === 'length' ? 'length' : 'stop', prompt_eval_count: result.usage?.promptTokens ?? 0, eval_count: result.usage?.completionTokens ?? 0 };
}

/** Ollama's `POST /api/chat`: arguments as objects, no call ids, NDJSON streams ending in a `done` line. */
export const ollamaDialect: ChatDialect = {
  parse,
  whole: (result, context) => ({
    model: context.model,
    created_at: new Date(context.created * 1000).toISOString(),
    message: { role: 'assistant', content: result.text, ...(result.toolCalls.length > 0 ? { tool_calls: calls(result) } : {}) },
    ...done(result),
  }),
  streamContentType: 'application/x-ndjson',
  streamStart: () => '',
  streamText: (text, context) => line(context, { message: { role: 'assistant', content: text }, done: false }),
  streamEnd: (result, context) => [
    ...(result.toolCalls.length > 0 ? [line(context, { message: { role: 'assistant', content: '', tool_calls: calls(result) }, done: false })] : []),
    line(context, { message: { role: 'assistant', content: '' }, ...done(result) }),
  ],
  errorBody: (message) => ({ error: message }),
  streamError: (message) => `${JSON.stringify({ error: message })}\n`,
};
