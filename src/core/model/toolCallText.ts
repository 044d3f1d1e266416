import type { JsonObject, JsonValue, ToolCall } from '../schema/index.js';
import { decodePythonCalls, PyError, toJs } from '../score/index.js';
import { readCallObject } from './callObject.js';
import { clip, isJsonObject, parseJson, type ParsedJson } from './jsonText.js';

/** The ways models write calls as text, in the order they are tried. */
export type CallSyntax = 'tool_call_tags' | 'fenced_json' | 'react' | 'python_list' | 'bare_json';

export interface TextCalls {
  calls: ToolCall[];
  /** The syntax the calls were found in; absent when the text holds no call. */
  syntax?: CallSyntax;
  /** Calls that were recognised but could not be decoded, one line each. */
  errors: string[];
}

type Parser = (text: string) => TextCalls | undefined;

/**
 * Reads the tool calls out of a prompt-mode answer. Each syntax answers only when its markers are
 * there, so the first that does wins: `<tool_call>` JSON (Hermes, Qwen, ToolRL), fenced JSON,
 * ReAct's `Action:` / `Action Input:`, BFCL's `[f(a=1)]`, and a bare JSON call (Llama 3.x).
 */
export function parseToolCallText(text: string): TextCalls {
  for (const parse of PARSERS) {
    const found = parse(text);
    if (found) return found;
  }
  return { calls: [], errors: [] };
}

const PARSERS: Parser[] = [parseTags, parseFenced, parseReact, parsePythonList, parseBareJson];

/**
 * `<tool_call>` blocks holding one JSON object, or one per line as ToolRL writes them. A block
 * the answer ended inside (no closing tag) is still read: the model may stop at its end token.
 */
function parseTags(text: string): TextCalls | undefined {
  const blocks = [...text.matchAll(/<tool_call>([\s\S]*?)(?:<\/tool_call>|(?=<tool_call>)|$)/g)].map((m) => m[1] ?? '');
  if (blocks.length === 0) return undefined;
  const out: TextCalls = { calls: [], syntax: 'tool_call_tags', errors: [] };
  for (const block of blocks) {
    const body = block.trim();
    if (!body) continue;
    const whole = parseJson(body);
    const values = whole.ok ? [whole.value] : body.split('\n').filter((l) => l.trim());
    for (const value of values) addCalls(out, typeof value === 'string' ? parseJson(value.trim()) : { ok: true, value }, value);
  }
  return out;
}

function parseFenced(text: string): TextCalls | undefined {
  const out: TextCalls = { calls: [], syntax: 'fenced_json', errors: [] };
  for (const match of text.matchAll(/```(?:json)?[ \t]*\n([\s\S]*?)```/g)) {
    const parsed = parseJson((match[1] ?? '').trim());
    // A fence that holds other JSON (an example, a result) is not a call.
    if (parsed.ok && callObjects(parsed.value).length > 0) addCalls(out, parsed, match[1]);
  }
  return out.calls.length > 0 || out.errors.length > 0 ? out : undefined;
}

/** ReAct: `Action: name` then `Action Input: {json}` up to the next ReAct keyword. */
function parseReact(text: string): TextCalls | undefined {
  const pattern = /^[ \t]*Action:[ \t]*(.+)\n[ \t]*Action Input:[ \t]*([\s\S]*?)(?=^[ \t]*(?:Observation|Thought|Action|Final Answer):|(?![\s\S]))/gm;
  const matches = [...text.matchAll(pattern)];
  if (matches.length === 0) return undefined;
  const out: TextCalls = { calls: [], syntax: 'react', errors: [] };
  for (const match of matches) {
    const name = (match[1] ?? '').trim().replace(/^[`'"]|[`'"]$/g, '');
    const input = (match[2] ?? '').trim().replace(/^```(?:json)?\s*|```$/g, '').trim();
    const parsed = input ? parseJson(input) : { ok: true as const, value: {} };
    if (parsed.ok && isJsonObject(parsed.value)) out.calls.push({ name, parameters: parsed.value });
    else out.errors.push(`Action ${name}: the Action Input is not a JSON object: ${clip(input)}`);
  }
  return out;
}

/**
 * BFCL's `[f(a=1), g(b='x')]`, decoded by the same Python-expression decoder the BFCL scorer uses
 * (keyword arguments only, dotted names kept). Answers when the text, without backticks or a
 * ```python fence, starts with a call or a list of calls.
 */
function parsePythonList(text: string): TextCalls | undefined {
  const body = text.trim().replace(/^```(?:python|py)?[ \t]*\n?|```$/g, '').trim();
  // A bare `f(…)` must also end the text, so prose such as "Sure (see below)…" is not taken for a call.
  if (!/^\[\s*[A-Za-z_][\w.]*\s*\(/.test(body) && !/^[A-Za-z_][\w.]*\s*\([\s\S]*\)$/.test(body)) return undefined;
  const out: TextCalls = { calls: [], syntax: 'python_list', errors: [] };
  try {
    for (const call of decodePythonCalls(body)) {
      const parameters = toJs(call.args);
      if (isJsonObject(parameters as JsonValue)) out.calls.push({ name: call.name, parameters: parameters as JsonObject });
      else out.errors.push(`${call.name}: the arguments are not keyword arguments: ${clip(JSON.stringify(parameters))}`);
    }
  } catch (err) {
    if (!(err instanceof PyError)) throw err;
    out.errors.push(`not a Python call list (${err.pyType}${err.message ? `: ${err.message}` : ''}): ${clip(body)}`);
  }
  return out;
}

/** The whole answer is one JSON call or a list of them: `{"name": …, "parameters": …}`. */
function parseBareJson(text: string): TextCalls | undefined {
  const body = text.trim();
  if (!body.startsWith('{') && !body.startsWith('[')) return undefined;
  const parsed = parseJson(body);
  if (!parsed.ok || callObjects(parsed.value).length === 0) return undefined;
  const out: TextCalls = { calls: [], syntax: 'bare_json', errors: [] };
  addCalls(out, parsed, body);
  return out;
}

/** Objects that look like calls: a name, and arguments or parameters (possibly JSON text). */
function callObjects(value: JsonValue): JsonObject[] {
  const items = Array.isArray(value) ? value : [value];
  return items.filter((item): item is JsonObject => isJsonObject(item) && typeof callName(item) === 'string');
}

function callName(item: JsonObject): JsonValue | undefined {
  return isJsonObject(item.function) ? item.function.name : item.name;
}

function addCalls(out: TextCalls, parsed: ParsedJson, source: unknown): void {
  if (!parsed.ok) {
    out.errors.push(`not JSON (${parsed.error}): ${clip(String(source))}`);
    return;
  }
  const items = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  for (const item of items) {
    const call = isJsonObject(item) ? readCallObject(item) : `not a call object: ${clip(JSON.stringify(item))}`;
    if (typeof call === 'string') out.errors.push(call);
    else out.calls.push(call);
  }
}
