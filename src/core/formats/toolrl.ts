import { open, readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { z } from 'zod';
import { errorMessage } from '../../common/errorMessage.js';
import { describeIssues, type EvalRow, isPlainObject, type JsonObject, type Message, parseJson, type ParameterSchema, type ToolCall, type ToolSpec } from '../schema/index.js';
import { excerpt } from './jsonl.js';
import type { ProblemSink } from './problems.js';

/**
 * ToolRL's SFT format (github.com/qiancheng0/ToolRL, Apache-2.0): a JSON list of
 * `{instruction, input, output}`. The tools are text inside `instruction`, the dialogue is
 * tagged text in `input`, and `output` is `<think>`, then `<tool_call>` with one JSON call per
 * line and/or `<response>`. The texts below are ToolRL's own, so a clean sample renders back
 * byte for byte.
 */
export const toolRlSample = z.looseObject({ instruction: z.string(), input: z.string(), output: z.string() });
export type ToolRlSample = z.infer<typeof toolRlSample>;

export const TOOLRL_TOOLS_HEADER = '**Available Tools**\nIn your response, you can use the following tools:\n';
export const TOOLRL_STEPS_HEADER = '\n\n**Steps for Each Turn**';
export const TOOLRL_DIALOGUE_HEADER = '**Dialogue Records History**\n';

/** One tool of the instruction's list: `N. Name: …`, `Description: …`, `Parameters: {json}`. */
const TOOL_ENTRY = /^(\d+)\. Name: (.*)\nDescription: (.*)\nParameters: (.*)$/gm;
/** The tagged turns of a dialogue; assistant turns are the untagged text between them. */
const DIALOGUE_TURN = /<user> ([\s\S]*?) <\/user>|<obs> ([\s\S]*?) <\/obs>/g;

/** What a ToolRL row keeps beyond the eval row, so its texts render back exactly. */
export interface ToolRlExtra {
  /** The `Parameters:` JSON text of each original tool, in list order. */
  parameters_text: string[];
  /** The JSON text of each golden call line. */
  call_text: string[];
  /** The `<response>` text of the answer, when it has one. */
  response: string | null;
  /** The whole original answer (its reasoning included). */
  output: string;
}

export class ToolRlFormatError extends Error {}

function parseObject(text: string, what: string): JsonObject {
  let value: unknown;
  try {
    value = parseJson(text);
  } catch (err) {
    throw new ToolRlFormatError(`${what} is not JSON (${errorMessage(err)}): ${excerpt(text)}`);
  }
  if (!isPlainObject(value)) throw new ToolRlFormatError(`${what} is not a JSON object: ${excerpt(text)}`);
  return value as JsonObject;
}

/** ToolRL's parameters map each name to `{description, type, default}`; as a schema they are its properties. */
function toolsOf(instruction: string): { tools: ToolSpec[]; texts: string[] } {
  const start = instruction.indexOf(TOOLRL_TOOLS_HEADER);
  const end = instruction.indexOf(TOOLRL_STEPS_HEADER);
  if (start < 0 || end < start) throw new ToolRlFormatError('the instruction has no "**Available Tools**" list followed by "**Steps for Each Turn**"');
  const block = instruction.slice(start + TOOLRL_TOOLS_HEADER.length, end);
  const tools: ToolSpec[] = [];
  const texts: string[] = [];
  let covered = 0;
  for (const match of block.matchAll(TOOL_ENTRY)) {
    const [, number, name, description, parameters] = match as unknown as [string, string, string, string, string];
    if (Number(number) !== tools.length + 1) throw new ToolRlFormatError(`tool ${tools.length + 1} is numbered ${number}`);
    const properties = parseObject(parameters, `the parameters of tool "${name}"`);
    tools.push({ name, description, parameters: { type: 'object', properties: properties as Record<string, ParameterSchema> } });
    texts.push(parameters);
    covered += match[0].length;
  }
  // Entries are joined by one newline; anything else in the block is text this reader would drop.
  if (tools.length === 0 || covered + tools.length - 1 !== block.length) throw new ToolRlFormatError('the tool list is not a sequence of "N. Name / Description / Parameters" entries');
  return { tools, texts };
}

function dialogueOf(input: string): Message[] {
  if (!input.startsWith(TOOLRL_DIALOGUE_HEADER)) throw new ToolRlFormatError('the input does not start with "**Dialogue Records History**"');
  const body = input.slice(TOOLRL_DIALOGUE_HEADER.length);
  const messages: Message[] = [];
  const assistant = (text: string): void => {
    const content = text.replace(/^\n+|\n+$/g, '');
    if (content) messages.push({ role: 'assistant', content });
  };
  let at = 0;
  for (const match of body.matchAll(DIALOGUE_TURN)) {
    assistant(body.slice(at, match.index));
    messages.push(match[1] !== undefined ? { role: 'user', content: match[1] } : { role: 'tool', content: match[2]! });
    at = match.index + match[0].length;
  }
  assistant(body.slice(at));
  if (!messages.some((m) => m.role === 'user')) throw new ToolRlFormatError('the dialogue has no <user> turn');
  return messages;
}

interface Answer {
  calls: ToolCall[];
  callText: string[];
  response: string | null;
}

/** The answer after its reasoning: the reasoning may itself mention `<tool_call>`, so it is cut off first. */
function answerOf(output: string): Answer {
  const thinkEnd = output.indexOf('</think>');
  if (!output.startsWith('<think>') || thinkEnd < 0) throw new ToolRlFormatError('the output does not start with <think>…</think>');
  const rest = output.slice(thinkEnd + '</think>'.length);
  const match = /^(?:\n<tool_call>\n([\s\S]*?)\n<\/tool_call>)?(?:\n<response>([\s\S]*?)<\/response>)?$/.exec(rest);
  if (!match || (match[1] === undefined && match[2] === undefined)) throw new ToolRlFormatError('the output has neither a <tool_call> block nor a <response> after its </think>');
  const callText = match[1] === undefined ? [] : match[1].split('\n');
  const calls = callText.map((line, i) => {
    const call = parseObject(line, `tool call ${i + 1}`);
    if (typeof call['name'] !== 'string' || !isPlainObject(call['parameters'])) throw new ToolRlFormatError(`tool call ${i + 1} is not {"name": string, "parameters": object}: ${excerpt(line)}`);
    return { name: call['name'], parameters: call['parameters'] as JsonObject };
  });
  return { calls, callText, response: match[2] ?? null };
}

/** The eval-row id of a ToolRL sample: the file's stem and the sample's position. */
export function toolRlRowId(file: string, index: number): string {
  return `toolrl__${basename(file, extname(file))}__${index}`;
}

/** One ToolRL sample as a clean eval row (plain golden values, scored by exact match). */
export function toolRlToEvalRow(sample: ToolRlSample, index: number, file: string): EvalRow {
  const { tools, texts } = toolsOf(sample.instruction);
  const answer = answerOf(sample.output);
  const extra: ToolRlExtra = { parameters_text: texts, call_text: answer.callText, response: answer.response, output: sample.output };
  return {
    id: toolRlRowId(file, index),
    benchmark: 'toolrl',
    category: 'toolrl_sft',
    source: { original_id: String(index), benchmark: 'toolrl', file: basename(file), extra: extra as unknown as JsonObject },
    conversation: dialogueOf(sample.input),
    tools,
    golden_answers: answer.calls,
    eval_config: { method: 'exact_match' },
    perturbation: null,
  };
}

/** The ToolRL extra of a row made by `toolRlToEvalRow`, or undefined for rows from elsewhere. */
export function toolRlExtraOf(row: EvalRow): ToolRlExtra | undefined {
  const extra = row.benchmark === 'toolrl' ? (row.source as { extra?: unknown } | null | undefined)?.extra : undefined;
  const parsed = toolRlExtra.safeParse(extra);
  return parsed.success ? parsed.data : undefined;
}

const toolRlExtra = z.object({
  parameters_text: z.array(z.string()),
  call_text: z.array(z.string()),
  response: z.string().nullable(),
  output: z.string(),
});

/** A `.json` file whose first non-blank character opens a list: ToolRL's SFT layout (BFCL's `.json` files are JSON lines of objects). */
export async function isToolRlSftFile(file: string): Promise<boolean> {
  if (extname(file).toLowerCase() !== '.json') return false;
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '').trimStart().startsWith('[');
  } finally {
    await handle.close();
  }
}

/**
 * The samples of a ToolRL SFT file as clean eval rows, in order. The file is one JSON list, so
 * it is read whole; a sample that is not in ToolRL's layout is a problem naming its position,
 * and the rest are read.
 */
export async function* readToolRlSft(file: string, onProblem: ProblemSink): AsyncGenerator<EvalRow> {
  let list: unknown;
  try {
    list = parseJson((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (err) {
    onProblem({ file, line: 0, severity: 'error', message: `not a ToolRL SFT file (a JSON list of {instruction, input, output}): ${errorMessage(err)}` });
    return;
  }
  if (!Array.isArray(list)) {
    onProblem({ file, line: 0, severity: 'error', message: 'not a ToolRL SFT file: expected a JSON list of {instruction, input, output}' });
    return;
  }
  for (const [index, item] of list.entries()) {
    const sample = toolRlSample.safeParse(item);
    if (!sample.success) {
      onProblem({ file, line: 0, severity: 'error', message: `sample ${index}: not a ToolRL sample: ${describeIssues(sample.error)}` });
      continue;
    }
    try {
      yield toolRlToEvalRow(sample.data, index, file);
    } catch (err) {
      if (!(err instanceof ToolRlFormatError)) throw err;
      onProblem({ file, line: 0, severity: 'error', message: `sample ${index}: ${err.message}` });
    }
  }
}
