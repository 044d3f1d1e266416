import { type JsonObject, type JsonValue, nestedDeeperThan, type ToolCall } from '../schema/index.js';
import { decodePythonCalls, PyError, toJs } from '../score/index.js';
import { MAX_ARGUMENT_DEPTH, readCallObject, tooDeep } from './callObject.js';
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

/**
 * The longest answer read for calls, in UTF-16 units: about 64 Ki tokens, more than a run's
 * max_tokens lets a model write. Every syntax below is read in one linear pass (JSON by
 * JSON.parse, Python by a parser with its own, smaller limit), so the worst answer of this size
 * takes a few tens of milliseconds (bench/pythonParser.ts) and cannot hold up the requests in flight.
 */
export const MAX_ANSWER_CHARS = 256 * 1024;

/** Parse errors kept per answer; a hostile answer could otherwise make one per line. */
const MAX_ERRORS = 20;

type Parser = (text: string) => TextCalls | undefined;

/**
 * Reads the tool calls out of a prompt-mode answer. Each syntax answers only when its markers are
 * there, so the first that does wins: `<tool_call>` JSON (Hermes, Qwen, ToolRL), fenced JSON,
 * ReAct's `Action:` / `Action Input:`, BFCL's `[f(a=1)]`, and a bare JSON call (Llama 3.x).
 * Nothing in the text makes it throw: what cannot be read is reported in `errors`.
 */
export function parseToolCallText(text: string): TextCalls {
  if (text.length > MAX_ANSWER_CHARS) {
    return { calls: [], errors: [`the answer is ${text.length} characters long, over the ${MAX_ANSWER_CHARS} read for tool calls`] };
  }
  for (const parse of PARSERS) {
    const found = parse(text);
    if (found) return capErrors(found);
  }
  return { calls: [], errors: [] };
}

const PARSERS: Parser[] = [parseTags, parseFenced, parseReact, parsePythonList, parseBareJson];

function capErrors(out: TextCalls): TextCalls {
  const more = out.errors.length - MAX_ERRORS;
  if (more > 0) out.errors = [...out.errors.slice(0, MAX_ERRORS), `… and ${more} more`];
  return out;
}

/**
 * `<tool_call>` blocks holding one JSON object, or one per line as ToolRL writes them. A block
 * the answer ended inside (no closing tag) is still read: the model may stop at its end token.
 * The lazy match stops at the first of three fixed strings, so each block is scanned once.
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

/** Fenced JSON; each fence's lazy match stops at the next ```, so the text is scanned once. */
function parseFenced(text: string): TextCalls | undefined {
  const out: TextCalls = { calls: [], syntax: 'fenced_json', errors: [] };
  for (const match of text.matchAll(/```(?:json)?[ \t]*\n([\s\S]*?)```/g)) {
    const parsed = parseJson((match[1] ?? '').trim());
    // A fence that holds other JSON (an example, a result) is not a call.
    if (parsed.ok && callObjects(parsed.value).length > 0) addCalls(out, parsed, match[1]);
  }
  return out.calls.length > 0 || out.errors.length > 0 ? out : undefined;
}

// Written so that no part can match what another gave up: each line is matched in linear time.
const ACTION = /^[ \t]*Action:[ \t]*(\S[\s\S]*)$/;
const ACTION_INPUT = /^[ \t]*Action Input:[ \t]*([\s\S]*)$/;
const REACT_KEYWORD = /^[ \t]*(?:Observation|Thought|Action|Final Answer):/;

/**
 * ReAct: an `Action: name` line, then `Action Input: {json}` up to the next ReAct keyword. Read
 * line by line, each line matched once (a regex over the whole text backtracks quadratically).
 */
function parseReact(text: string): TextCalls | undefined {
  const lines = text.split(/\r?\n/);
  const out: TextCalls = { calls: [], syntax: 'react', errors: [] };
  for (let i = 0; i + 1 < lines.length; i++) {
    const action = ACTION.exec(lines[i]!);
    const input = action && ACTION_INPUT.exec(lines[i + 1]!);
    if (!action || !input) continue;
    let end = i + 2;
    while (end < lines.length && !REACT_KEYWORD.test(lines[end]!)) end++;
    addReactCall(out, action[1]!, [input[1]!, ...lines.slice(i + 2, end)].join('\n'));
    i = end - 1;
  }
  return out.calls.length > 0 || out.errors.length > 0 ? out : undefined;
}

function addReactCall(out: TextCalls, action: string, actionInput: string): void {
  const name = action.trim().replace(/^[`'"]|[`'"]$/g, '');
  const input = actionInput.trim().replace(/^```(?:json)?\s*|```$/g, '').trim();
  const parsed = input ? parseJson(input) : { ok: true as const, value: {} };
  if (parsed.ok && isJsonObject(parsed.value)) addCall(out, { name, parameters: parsed.value });
  else out.errors.push(`Action ${name}: the Action Input is not a JSON object: ${clip(input)}`);
}

/**
 * BFCL's `[f(a=1), g(b='x')]`, decoded by the same Python-expression decoder the BFCL scorer uses
 * (keyword arguments only, dotted names kept; linear, with its own size and nesting limits).
 * Answers when the text, without backticks or a ```python fence, starts with a call or a list of calls.
 */
function parsePythonList(text: string): TextCalls | undefined {
  const body = text.trim().replace(/^```(?:python|py)?[ \t]*\n?|```$/g, '').trim();
  // A bare `f(…)` must also end the text, so prose such as "Sure (see below)…" is not taken for a call.
  if (!/^\[\s*[A-Za-z_][\w.]*\s*\(/.test(body) && !/^[A-Za-z_][\w.]*\s*\([\s\S]*\)$/.test(body)) return undefined;
  const out: TextCalls = { calls: [], syntax: 'python_list', errors: [] };
  try {
    for (const call of decodePythonCalls(body)) {
      const parameters = toJs(call.args);
      if (isJsonObject(parameters as JsonValue)) addCall(out, { name: call.name, parameters: parameters as JsonObject });
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
    else addCall(out, call);
  }
}

/** A decoded call, unless its arguments nest too deep for the record that will hold them. */
function addCall(out: TextCalls, call: ToolCall): void {
  if (nestedDeeperThan(call.parameters, MAX_ARGUMENT_DEPTH)) out.errors.push(tooDeep(call.name));
  else out.calls.push(call);
}
