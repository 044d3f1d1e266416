import type { JsonObject, JsonValue, ToolCall } from '../schema/index.js';
import { clip, isJsonObject, parseJson } from './jsonText.js';

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
  return { name, parameters: args };
}
