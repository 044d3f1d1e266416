import { z } from 'zod';
import type { ChatResult, ToolChoice } from '../model/index.js';
import { jsonObject, type JsonObject, type Message } from '../schema/index.js';
import type { AnswerContext, ChatDialect, DialectRequest } from './dialect.js';
import { HttpError, validate } from './httpIo.js';
import { checkChoice, finishReason, newId, toToolSpecs, toolsField } from './requestParts.js';

const contentPart = z.looseObject({ type: z.string(), text: z.string().optional() });

const messageSchema = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: z.union([z.string(), z.array(contentPart)]).nullish(),
  name: z.string().optional(),
  tool_call_id: z.string().optional(),
  tool_calls: z
    .array(
      z.looseObject({
        id: z.string().optional(),
        type: z.literal('function').optional(),
        function: z.looseObject({ name: z.string().min(1), arguments: z.union([z.string(), jsonObject]).optional() }),
      }),
    )
    .nullish(),
});

const requestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(messageSchema).min(1),
  tools: toolsField,
  tool_choice: z
    .union([z.enum(['auto', 'none', 'required']), z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string().min(1) }) })])
    .nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  seed: z.number().int().nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
});

function toMessage(message: z.infer<typeof messageSchema>, index: number): Message {
  let content = message.content ?? null;
  if (Array.isArray(content)) {
    const other = content.find((part) => part.type !== 'text');
    if (other) throw new HttpError(400, `messages.${index}.content: only text parts are supported, got "${other.type}"`);
    content = content.map((part) => part.text ?? '').join('');
  }
  return {
    role: message.role === 'developer' ? 'system' : message.role,
    content,
    ...(message.name ? { name: message.name } : {}),
    ...(message.tool_call_id ? { tool_call_id: message.tool_call_id } : {}),
    ...(message.tool_calls?.length ? { tool_calls: message.tool_calls.map(callJson) } : {}),
  };
}

function callJson(call: NonNullable<z.infer<typeof messageSchema>['tool_calls']>[number]): JsonObject {
  const json: JsonObject = { type: 'function', function: { name: call.function.name, arguments: call.function.arguments ?? {} } };
  if (call.id) json.id = call.id;
  return json;
}

function toChoice(choice: z.infer<typeof requestSchema>['tool_choice']): ToolChoice | undefined {
  if (choice === null || choice === undefined) return undefined;
  return typeof choice === 'string' ? choice : { name: choice.function.name };
}

function parse(body: unknown): DialectRequest {
  const raw = validate(requestSchema, body);
  const tools = toToolSpecs(raw.tools);
  const toolChoice = toChoice(raw.tool_choice);
  checkChoice(typeof toolChoice === 'object' ? toolChoice.name : undefined, tools);
  const maxTokens = raw.max_completion_tokens ?? raw.max_tokens ?? undefined;
  return {
    request: {
      model: raw.model,
      messages: raw.messages.map(toMessage),
      tools,
      toolMode: 'native',
      ...(toolChoice ? { toolChoice } : {}),
      ...(raw.temperature != null ? { temperature: raw.temperature } : {}),
      ...(maxTokens !== undefined ? { maxTokens } : {}),
      ...(raw.seed != null ? { seed: raw.seed } : {}),
    },
    stream: raw.stream === true,
    includeUsage: raw.stream_options?.include_usage === true,
  };
}

function toolCalls(result: ChatResult) {
  return result.toolCalls.map((call) => ({ id: newId('call_'), type: 'function' as const, function: { name: call.name, arguments: JSON.stringify(call.parameters) } }));
}

function usage(result: ChatResult) {
  const prompt = result.usage?.promptTokens ?? 0;
  const completion = result.usage?.completionTokens ?? 0;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function chunk(context: AnswerContext, fields: Record<string, unknown>): string {
  return `data: ${JSON.stringify({ id: context.id, object: 'chat.completion.chunk', created: context.created, model: context.model, ...fields })}\n\n`;
}

/** `POST /v1/chat/completions` as OpenAI defines it: arguments as JSON text, calls with ids, SSE streams. */
export const openaiDialect: ChatDialect = {
  parse,
  whole: (result, context) => {
    const calls = toolCalls(result);
    return {
      id: context.id,
      object: 'chat.completion',
      created: context.created,
      model: context.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: calls.length > 0 && !result.text ? null : result.text, ...(calls.length > 0 ? { tool_calls: calls } : {}) },
          finish_reason: finishReason(result),
        },
      ],
      usage: usage(result),
    };
  },
  streamContentType: 'text/event-stream',
  streamStart: (context) => chunk(context, { choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }),
  streamText: (text, context) => chunk(context, { choices: [{ index: 0, delta: { content: text }, finish_reason: null }] }),
  streamEnd: (result, context, includeUsage) => [
    // Each call whole in one delta: clients accumulate argument pieces, and one piece is a valid stream.
    ...toolCalls(result).map((call, index) => chunk(context, { choices: [{ index: 0, delta: { tool_calls: [{ index, ...call }] }, finish_reason: null }] })),
    chunk(context, { choices: [{ index: 0, delta: {}, finish_reason: finishReason(result) }] }),
    ...(includeUsage ? [chunk(context, { choices: [], usage: usage(result) })] : []),
    'data: [DONE]\n\n',
  ],
  errorBody: (message, status) => ({ error: { message, type: status < 500 ? 'invalid_request_error' : 'server_error', code: status } }),
  streamError: (message) => `data: ${JSON.stringify({ error: { message, type: 'server_error' } })}\n\n`,
};
