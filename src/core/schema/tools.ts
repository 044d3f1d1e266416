import { z } from 'zod';
import { jsonEncodedOr, jsonObject, jsonValue, ownRecord } from './json.js';

/**
 * A parameter schema as benchmarks really write it: JSON-Schema-like, but with BFCL's
 * `"dict"`, `"float"`, `"tuple"` and `"any"` types. Unknown keys are kept.
 */
export interface ParameterSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, ParameterSchema>;
  items?: ParameterSchema;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  [key: string]: unknown;
}

export const parameterSchema: z.ZodType<ParameterSchema> = z.lazy(() =>
  z.looseObject({
    type: z.union([z.string(), z.array(z.string())]).optional(),
    description: z.string().optional(),
    // Parameter names come from files: one named `__proto__` must stay a parameter.
    properties: ownRecord(parameterSchema).optional(),
    items: parameterSchema.optional(),
    required: z.array(z.string()).optional(),
    enum: z.array(jsonValue).optional(),
  }),
);

export const toolSpec = z.looseObject({
  name: z.string().min(1),
  description: z.string().default(''),
  parameters: jsonEncodedOr(parameterSchema),
});
export type ToolSpec = z.infer<typeof toolSpec>;

/** A concrete call: what a model made, or a plain-valued golden answer. */
export const toolCall = z.object({
  name: z.string(),
  parameters: jsonEncodedOr(jsonObject),
});
export type ToolCall = z.infer<typeof toolCall>;

export const messageRole = z.enum(['system', 'user', 'assistant', 'tool']);
export type MessageRole = z.infer<typeof messageRole>;

export const message = z.looseObject({
  role: messageRole,
  content: z.string().nullable().default(''),
  name: z.string().optional(),
  tool_call_id: z.string().optional(),
  tool_calls: z.array(jsonValue).optional(),
});
export type Message = z.infer<typeof message>;
