import type { JsonObject, JsonValue, ParameterSchema } from '../schema/index.js';
import { toolParametersSchema } from './jsonSchema.js';

type Literal = string | number | boolean | null;
type Scalar = 'string' | 'number' | 'integer' | 'boolean' | 'null';
type StringFormat = 'date' | 'time' | 'date-time';

/**
 * The part of JSON Schema node-llama-cpp turns into a grammar (its `GbnfJsonSchema`), written
 * out here so the conversion can be checked without loading the runtime.
 */
export type GrammarSchema = { description?: string } & (
  | { type: Scalar | Scalar[] }
  | { type: 'string'; format: StringFormat }
  | { enum: Literal[] }
  | { oneOf: GrammarSchema[] }
  | { type: 'object'; properties: Record<string, GrammarSchema>; required?: string[]; additionalProperties?: boolean }
  | { type: 'array'; items?: GrammarSchema }
);

const SCALARS: readonly string[] = ['string', 'number', 'integer', 'boolean', 'null'];
const STRING_FORMATS: readonly unknown[] = ['date', 'time', 'date-time'] satisfies StringFormat[];

/**
 * A tool's parameters as node-llama-cpp's grammar reads them. Its grammar makes every property
 * of an object required and ignores `required`, which would force a model to invent values for
 * optional parameters (and fail BFCL, where an optional argument must be omitted or be one of
 * the allowed values). So an optional property also admits `null`, and `dropOmitted` removes
 * the nulls from the call: the model can leave it out, as llama-server's grammar allows.
 * `required` is kept, because the model reads the same schema as documentation.
 */
export function toGrammarSchema(parameters: ParameterSchema): GrammarSchema {
  const schema = toolParametersSchema(parameters);
  // A tool that declares no parameters takes none; a nested `dict` without properties takes any.
  if (Object.keys(schema.properties ?? {}).length === 0) return { type: 'object', properties: {} };
  return convert(schema);
}

function convert(schema: ParameterSchema): GrammarSchema {
  const described = typeof schema.description === 'string' ? { description: schema.description } : {};
  const literals = schema.enum?.filter(isLiteral);
  if (literals?.length) return { ...described, enum: literals };
  const types = typesOf(schema);
  if (types.length > 1) {
    // A type list with objects or arrays in it falls outside the runtime's scalar rule.
    if (types.every((t) => SCALARS.includes(t))) return { ...described, type: types as Scalar[] };
    return { ...described, oneOf: types.map((type) => convert({ ...schema, type, description: undefined })) };
  }
  const type = types[0];
  if (type === 'object') return { ...described, ...objectSchema(schema) };
  if (type === 'array') return { ...described, type: 'array', ...(schema.items ? { items: convert(schema.items) } : {}) };
  if (type === 'string' && isStringFormat(schema.format)) return { ...described, type: 'string', format: schema.format };
  // The runtime reads an unknown type as `null` only; BFCL's rule for a type it cannot map is string.
  return { ...described, type: type !== undefined && SCALARS.includes(type) ? (type as Scalar) : 'string' };
}

function objectSchema(schema: ParameterSchema): GrammarSchema {
  const entries = Object.entries(schema.properties ?? {});
  // A free-form object (BFCL's `dict` without properties) takes any keys.
  if (entries.length === 0) return { type: 'object', properties: {}, additionalProperties: true };
  const required = schema.required ?? [];
  const properties = Object.fromEntries(entries.map(([key, value]) => [key, required.includes(key) ? convert(value) : nullable(convert(value))]));
  return { type: 'object', properties, ...(schema.required ? { required: schema.required } : {}) };
}

function nullable(schema: GrammarSchema): GrammarSchema {
  if ('enum' in schema) return schema.enum.includes(null) ? schema : { ...schema, enum: [...schema.enum, null] };
  if ('type' in schema && (typeof schema.type === 'string' || Array.isArray(schema.type))) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (types.every((t) => SCALARS.includes(t)) && !('format' in schema)) {
      return types.includes('null') ? schema : { ...schema, type: [...(types as Scalar[]), 'null'] };
    }
  }
  const { description, ...rest } = schema;
  return { ...(description === undefined ? {} : { description }), oneOf: [rest as GrammarSchema, { type: 'null' }] };
}

function typesOf(schema: ParameterSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (typeof schema.type === 'string') return [schema.type];
  if (schema.properties) return ['object'];
  if (schema.items) return ['array'];
  return [];
}

function isStringFormat(value: unknown): value is StringFormat {
  return STRING_FORMATS.includes(value);
}

function isLiteral(value: unknown): value is Literal {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/**
 * The call's arguments without the nulls the grammar let the model write for optional
 * parameters, at every depth the schema describes.
 */
export function dropOmitted(parameters: ParameterSchema, args: JsonObject): JsonObject {
  const schema = toolParametersSchema(parameters);
  return withoutOmitted(schema, args) as JsonObject;
}

function withoutOmitted(schema: ParameterSchema | undefined, value: JsonValue): JsonValue {
  if (!schema) return value;
  if (Array.isArray(value)) return value.map((item) => withoutOmitted(schema.items, item));
  if (value === null || typeof value !== 'object') return value;
  const required = new Set(schema.required ?? []);
  const known = schema.properties ?? {};
  const kept = Object.entries(value).filter(([key, v]) => !(v === null && key in known && !required.has(key)));
  return Object.fromEntries(kept.map(([key, v]) => [key, withoutOmitted(known[key], v)]));
}
