import { isDeepStrictEqual } from 'node:util';
import { TOOLRL_DIALOGUE_HEADER, TOOLRL_STEPS_HEADER, TOOLRL_TOOLS_HEADER, toolRlExtraOf, type ToolRlExtra } from '../formats/index.js';
import type { EvalRow, JsonValue, Message, ToolCall, ToolSpec } from '../schema/index.js';
import { plainGoldenCalls } from './plainGolden.js';
import { pyJsonDumps } from './pyJsonDumps.js';

// ToolRL's system prompt (github.com/qiancheng0/ToolRL, Apache-2.0), around the tool list.
const INTRO = 'You are a helpful multi-turn dialogue assistant capable of leveraging tool calls to solve user tasks and provide structured chat responses.\n\n';
const STEPS = `${TOOLRL_STEPS_HEADER}
1. **Think:** Recall relevant context and analyze the current user goal.
2. **Decide on Tool Usage:** If a tool is needed, specify the tool and its parameters.
3. **Respond Appropriately:** If a response is needed, generate one while maintaining consistency across user queries.

**Output Format**
\`\`\`plaintext
<think> Your thoughts and reasoning </think>
<tool_call>
{"name": "Tool name", "parameters": {"Parameter name": "Parameter content", "... ...": "... ..."}}
{"name": "... ...", "parameters": {"... ...": "... ...", "... ...": "... ..."}}
...
</tool_call>
<response> AI's final response </response>
\`\`\`

**Important Notes**
1. You must always include the \`<think>\` field to outline your reasoning. Provide at least one of \`<tool_call>\` or \`<response>\`. Decide whether to use \`<tool_call>\` (possibly multiple times), \`<response>\`, or both.
2. You can invoke multiple tool calls simultaneously in the \`<tool_call>\` fields. Each tool call should be a JSON object with a "name" field and an "parameters" field containing a dictionary of parameters. If no parameters are needed, leave the "parameters" field an empty dictionary.
3. Refer to the previous dialogue records in the history, including the user's queries, previous \`<tool_call>\`, \`<response>\`, and any tool feedback noted as \`<obs>\` (if exists).`;

/** The reasoning ToolRL's own verl data puts in every ground truth: the reward never reads it. */
export const TOOL_CALL_THINK = "<think> I should use the appropriate tool with proper parameters to respond to the user's need. </think>";
export const RESPONSE_THINK = "<think> I should directly respond to the user's need. </think>";

/** The original text of a value when it is unchanged, so ToolRL rows keep `5.0` and their own spelling. */
function originalText(value: JsonValue, texts: readonly string[]): string {
  const same = texts.find((text) => isDeepStrictEqual(JSON.parse(text), value));
  return same ?? pyJsonDumps(value);
}

/** ToolRL lists a tool's parameters as `{name: {description, type, default}}`; other sources keep their whole schema. */
function parametersText(tool: ToolSpec, extra: ToolRlExtra | undefined): string {
  if (!extra) return pyJsonDumps(tool.parameters as JsonValue);
  return originalText((tool.parameters.properties ?? {}) as JsonValue, extra.parameters_text);
}

/** The system prompt: ToolRL's, with the row's tools, and a system message of the row after it. */
export function toolRlInstruction(row: EvalRow): string {
  const extra = toolRlExtraOf(row);
  const tools = row.tools.map((tool, i) => `${i + 1}. Name: ${tool.name}\nDescription: ${tool.description}\nParameters: ${parametersText(tool, extra)}`);
  const system = row.conversation.filter((m) => m.role === 'system' && m.content).map((m) => `\n\n${m.content}`);
  return `${INTRO}${TOOLRL_TOOLS_HEADER}${tools.join('\n')}${STEPS}${system.join('')}`;
}

function turnText(message: Message): string {
  const content = message.content ?? '';
  if (message.role === 'user') return `<user> ${content} </user>`;
  if (message.role === 'tool') return `<obs> ${content} </obs>`;
  return content;
}

/** The dialogue as ToolRL writes it: tagged user and tool turns, assistant turns as they were written. */
export function toolRlInput(row: EvalRow): string {
  const turns = row.conversation.filter((m) => m.role !== 'system');
  return TOOLRL_DIALOGUE_HEADER + turns.map((m, i) => (i === 0 ? '' : m.role === 'tool' ? '\n' : '\n\n') + turnText(m)).join('');
}

function callLines(calls: readonly ToolCall[], extra: ToolRlExtra | undefined): string[] {
  return calls.map((call) => originalText({ name: call.name, parameters: call.parameters }, extra?.call_text ?? []));
}

/**
 * The answer the reward compares with: ToolRL's fixed reasoning, the golden calls one JSON per
 * line, and the row's own `<response>` when it has one. Undefined when there is nothing to train
 * on (no call and no response, e.g. an irrelevance question).
 */
export function toolRlGroundTruth(row: EvalRow): string | undefined {
  const extra = toolRlExtraOf(row);
  const calls = plainGoldenCalls(row);
  const response = extra?.response ?? null;
  const responseText = response === null ? '' : `\n<response>${response}</response>`;
  if (calls.length === 0) return response === null ? undefined : `${RESPONSE_THINK}${responseText}`;
  return `${TOOL_CALL_THINK}\n<tool_call>\n${callLines(calls, extra).join('\n')}\n</tool_call>${responseText}`;
}

/** The SFT target: a clean ToolRL row keeps its own reasoning; anything changed gets the ground truth's, which cannot contradict the new prompt. */
export function toolRlOutput(row: EvalRow, groundTruth: string): string {
  const extra = toolRlExtraOf(row);
  return extra && !row.perturbation ? extra.output : groundTruth;
}
