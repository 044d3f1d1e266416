import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ChatResult } from '../model/index.js';
import { parameterSchema, type ToolSpec } from '../schema/index.js';
import { HttpError } from './httpIo.js';

/** The `tools` field both dialects take: OpenAI's function tools. */
export const toolsField = z
  .array(
    z.looseObject({
      type: z.literal('function'),
      function: z.looseObject({ name: z.string().min(1), description: z.string().optional(), parameters: parameterSchema.optional() }),
    }),
  )
  .nullish();

export function toToolSpecs(tools: z.infer<typeof toolsField>): ToolSpec[] {
  return (tools ?? []).map(({ function: f }) => ({ name: f.name, description: f.description ?? '', parameters: f.parameters ?? { type: 'object', properties: {} } }));
}

/** A name the request's tool choice points at must be one of its tools. */
export function checkChoice(name: string | undefined, tools: readonly ToolSpec[]): void {
  if (name !== undefined && !tools.some((t) => t.name === name)) throw new HttpError(400, `tool_choice names "${name}", which is not among the tools`);
}

/** The finish reason as both dialects spell it. */
export function finishReason(result: ChatResult): 'stop' | 'tool_calls' | 'length' {
  return result.finishReason === 'other' ? 'stop' : result.finishReason;
}

/** An id in the shape OpenAI's are: the client sends it back with the call's result. */
export function newId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('base64url')}`;
}
