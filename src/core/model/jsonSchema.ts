import type { ParameterSchema } from '../schema/index.js';

/**
 * Benchmarks write parameter types in Python's and Java's words (`dict`, `float`, `tuple`, `any`,
 * `HashMap`…); servers turn the schema into a grammar and reject or mis-read those. This is the
 * table BFCL's function-calling handlers apply before they send tools to an API, `any` → `string`
 * included, so native-mode results stay comparable with BFCL's.
 */
const TYPE_MAP: Record<string, string> = {
  integer: 'integer',
  number: 'number',
  float: 'number',
  string: 'string',
  boolean: 'boolean',
  bool: 'boolean',
  array: 'array',
  list: 'array',
  dict: 'object',
  object: 'object',
  tuple: 'array',
  any: 'string',
  byte: 'integer',
  short: 'integer',
  long: 'integer',
  double: 'number',
  char: 'string',
  ArrayList: 'array',
  Array: 'array',
  HashMap: 'object',
  Hashtable: 'object',
  Queue: 'array',
  Stack: 'array',
  Any: 'string',
  String: 'string',
  Bigint: 'integer',
};

function mapType(type: string): string {
  return TYPE_MAP[type] ?? type;
}

/** A tool's parameters as standard JSON Schema; keys other than the types are kept as they are. */
export function toJsonSchema(schema: ParameterSchema): ParameterSchema {
  const out: ParameterSchema = { ...schema };
  if (typeof schema.type === 'string') out.type = mapType(schema.type);
  else if (Array.isArray(schema.type)) out.type = schema.type.map(mapType);
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, toJsonSchema(value)]));
  }
  if (schema.items) out.items = toJsonSchema(schema.items);
  return out;
}

/** The top level of a tool's parameters must be an object schema, even when the benchmark omits it. */
export function toolParametersSchema(schema: ParameterSchema): ParameterSchema {
  const mapped = toJsonSchema(schema);
  return { ...mapped, type: 'object', properties: mapped.properties ?? {} };
}
