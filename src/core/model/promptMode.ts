import type { ToolSpec } from '../schema/index.js';
import type { PastCall, Turn } from './conversation.js';
import type { ChatRequest, PromptStyle, ToolChoice } from './types.js';

/** A message with text only: what a server without function calling accepts. */
export interface PlainMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/**
 * Prompt mode: the tools are described in the system prompt, past calls are written back as the
 * text the model was asked to write, and tool results come back as user messages. Two styles:
 * Hermes/Qwen `<tool_call>` JSON (what most open tool-use models were trained on) and BFCL's
 * Python list (what BFCL's prompting mode asks of every model, so scores stay comparable).
 */
export function promptModeMessages(turns: readonly Turn[], request: Pick<ChatRequest, 'tools' | 'toolChoice' | 'promptStyle'>): PlainMessage[] {
  const style = request.promptStyle ?? 'tool_call_tags';
  const messages = turns.map((turn): PlainMessage => {
    switch (turn.role) {
      case 'system':
      case 'user':
        return { role: turn.role, content: turn.content };
      case 'assistant':
        return { role: 'assistant', content: [turn.content, writeCalls(turn.calls, style)].filter(Boolean).join('\n') };
      case 'tool':
        return { role: 'user', content: `<tool_response>\n${turn.name ? `${turn.name}: ` : ''}${turn.content}\n</tool_response>` };
    }
  });
  const instructions = toolInstructions(request.tools, style, request.toolChoice ?? 'auto');
  if (!instructions) return messages;
  const [first, ...rest] = messages;
  if (first?.role === 'system') return [{ role: 'system', content: `${first.content}\n\n${instructions}` }, ...rest];
  return [{ role: 'system', content: instructions }, ...messages];
}

/** The system-prompt text that describes the tools; empty when no call may be made. */
export function toolInstructions(tools: readonly ToolSpec[], style: PromptStyle, toolChoice: ToolChoice): string {
  if (toolChoice === 'none' || tools.length === 0) return '';
  const list = tools.map((t) => JSON.stringify({ name: t.name, description: t.description, parameters: t.parameters })).join('\n');
  const must = choiceSentence(toolChoice);
  if (style === 'python_list') {
    // The format sentence is BFCL's own, word for word: models tuned on BFCL key on it.
    return [
      'You compose function calls. Given a question and a set of possible functions, make one or more function calls that achieve its purpose. If none of the functions fits, or the question lacks parameters a function requires, say so instead.',
      'If you decide to invoke any of the function(s), you MUST put it in the format of [func_name1(params_name1=params_value1, params_name2=params_value2...), func_name2(params)]',
      `Reply with the calls only, no other text.${must}`,
      `Here is a list of functions in JSON format that you can invoke.\n${list}`,
    ].join('\n\n');
  }
  return [
    '# Tools',
    `You may call one or more functions to help with the user's request. The function signatures are inside <tools></tools> XML tags:\n<tools>\n${list}\n</tools>`,
    `For each call, write a JSON object with the function's name and arguments inside <tool_call></tool_call> XML tags:\n<tool_call>\n{"name": <function-name>, "arguments": <args-json-object>}\n</tool_call>${must}`,
  ].join('\n\n');
}

function choiceSentence(toolChoice: ToolChoice): string {
  if (toolChoice === 'required') return '\nYou must call at least one function.';
  if (typeof toolChoice === 'object') return `\nYou must call the function ${toolChoice.name}.`;
  return '';
}

function writeCalls(calls: readonly PastCall[], style: PromptStyle): string {
  if (calls.length === 0) return '';
  if (style === 'tool_call_tags') {
    return calls.map((c) => `<tool_call>\n{"name": ${JSON.stringify(c.name)}, "arguments": ${c.argumentsJson}}\n</tool_call>`).join('\n');
  }
  const written = calls.map((c) => {
    const args = Object.entries(JSON.parse(c.argumentsJson) as Record<string, unknown>).map(([k, v]) => `${k}=${pythonLiteral(v)}`);
    return `${c.name}(${args.join(', ')})`;
  });
  return `[${written.join(', ')}]`;
}

/** A JSON value written as the Python literal BFCL's format expects (`True`, `None`, `'x'`…). */
function pythonLiteral(value: unknown): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string' || typeof value === 'number') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${JSON.stringify(k)}: ${pythonLiteral(v)}`).join(', ')}}`;
  }
  return String(value);
}
