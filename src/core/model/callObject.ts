import { type JsonObject, type JsonValue, MAX_JSON_DEPTH, nestedDeeperThan, type ToolCall } from '../schema/index.js';
import { clip, isJsonObject, parseJson } from './jsonText.js';

/**
 * How deep a call's arguments may nest: half the JSON limit, leaving room for the record that
 * holds them (prediction, tool_calls, call, parameters) so the record can be read back.
 */
export const MAX_ARGUMENT_DEPTH = MAX_JSON_DEPTH / 2;

export function tooDeep(name: string): string {
  return `${name}: the arguments nest deeper than ${MAX_ARGUMENT_DEPTH} levels`;
}

/**
 * A call object as models and chat histories write it, or why it is not one: `{name, arguments}`,
 * `{name, parameters}` or OpenAI's `{function: {name, arguments}}`; arguments may be JSON text.
 */
export function readCallObject(item: JsonObject): ToolCall | string {
  const fn = isJsonObject(item.function) ? item.function : item;
  const name = fn.name;
  if (typeof name !== 'string' || !name) return `a call without a name: ${clip(JSON.stringify(item))}`;
  let args: JsonValue = fn.arguments ?? fn.parameters ?? {};
  if (typeof args === 'string') {
    const parsed = parseJson(args);
    if (!parsed.ok) return `${name}: the arguments are not JSON (${parsed.error}): ${clip(args)}`;
    args = parsed.value;
  }
  if (!isJsonObject(args)) return `${name}: the arguments are not an object: ${clip(JSON.stringify(args))}`;
  // Native answers come through here too: a call the record could not hold is the model's parse error.
  if (nestedDeeperThan(args, MAX_ARGUMENT_DEPTH)) return tooDeep(name);
  return { name, parameters: args };
}
