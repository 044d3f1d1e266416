import { type ChatRequest, type PromptStyle, ToolNameMap } from '../model/index.js';
import { buildSecondPass, type FaultType, type SecondPass } from '../perturb/index.js';
import type { EvalRow, RunProtocol, ToolCall } from '../schema/index.js';

export type ProtocolName = 'paper' | 'native';
export const PROTOCOL_NAMES: readonly ProtocolName[] = ['paper', 'native'];

/**
 * `paper` reproduces the official RobustBench-TC runner (scripts/run_eval.py, as audited in
 * ../shared/notes/robustbench-tc-facts.md): tools described in the prompt, no native `tools=`,
 * temperature 0.001, max_tokens 1024, multi-turn rows skipped, one request per static case,
 * faults as terse error strings. Its prompt template per source is not published; BFCL rows get
 * BFCL's own Python-list prompt, other rows the `<tool_call>` JSON format ToolRL trains on.
 * `native`: the server's function calling, greedy, realistic HTTP faults, every row run.
 */
export const PROTOCOLS: Record<ProtocolName, RunProtocol> = {
  paper: { name: 'paper', tool_mode: 'prompt', prompt_style: 'per_benchmark', temperature: 0.001, max_tokens: 1024, skip_multi_turn: true, fault_style: 'terse' },
  native: { name: 'native', tool_mode: 'native', temperature: 0, max_tokens: 1024, skip_multi_turn: false, fault_style: 'realistic' },
};

/** How records that name no protocol were run (RobustLens before protocols were recorded): natively, with HTTP-style faults. */
export const UNRECORDED_PROTOCOL: RunProtocol = PROTOCOLS.native;

export type ProtocolSettings = Omit<RunProtocol, 'name'>;

/** A preset with some settings changed; it keeps the preset's name, and `protocolLabel` lists what differs. */
export function protocolFrom(name: ProtocolName, changes: Partial<ProtocolSettings> = {}): RunProtocol {
  const preset = PROTOCOLS[name];
  const merged: RunProtocol = { ...preset, ...changes };
  // A prompt style only means something in prompt mode.
  if (merged.tool_mode === 'native') delete merged.prompt_style;
  else merged.prompt_style ??= 'per_benchmark';
  return merged;
}

const SETTING_KEYS = ['tool_mode', 'prompt_style', 'temperature', 'max_tokens', 'skip_multi_turn', 'fault_style', 'seed', 'tool_choice'] as const;

function settingText(key: (typeof SETTING_KEYS)[number], value: unknown): string {
  return `${key}=${String(value)}`;
}

/** The settings of `protocol` that differ from its preset (or every setting of an unknown preset). */
function differences(protocol: RunProtocol): string[] {
  const preset = (PROTOCOLS as Record<string, RunProtocol | undefined>)[protocol.name];
  return SETTING_KEYS.filter((key) => protocol[key] !== undefined || preset?.[key] !== undefined)
    .filter((key) => !preset || protocol[key] !== preset[key])
    .map((key) => settingText(key, protocol[key]));
}

/** `paper`, or `paper (temperature=0)` when settings differ from the preset: one string that tells protocols apart. */
export function protocolLabel(protocol: RunProtocol): string {
  const changed = differences(protocol);
  return changed.length === 0 ? protocol.name : `${protocol.name} (${changed.join(', ')})`;
}

/** Multi-turn rows, as the official runner tells them (its `--skip-multi-turn`): the category says so. */
export function isMultiTurn(row: EvalRow): boolean {
  return row.category.includes('multi_turn');
}

function promptStyleFor(protocol: RunProtocol, row: EvalRow): PromptStyle {
  if (protocol.prompt_style === 'python_list' || protocol.prompt_style === 'tool_call_tags') return protocol.prompt_style;
  return row.eval_config.method === 'bfcl_ast' ? 'python_list' : 'tool_call_tags';
}

/** The request for one row under a protocol, less the model, the messages and the tools. */
export function requestSettings(protocol: RunProtocol, row: EvalRow): Omit<ChatRequest, 'model' | 'messages' | 'tools'> {
  return {
    toolMode: protocol.tool_mode,
    ...(protocol.tool_mode === 'prompt' ? { promptStyle: promptStyleFor(protocol, row) } : {}),
    temperature: protocol.temperature,
    maxTokens: protocol.max_tokens,
    ...(protocol.seed !== undefined ? { seed: protocol.seed } : {}),
    ...(protocol.tool_choice ? { toolChoice: protocol.tool_choice } : {}),
  };
}

/**
 * Pass 2 of a transition case as the protocol sends it: the fault in the protocol's style,
 * naming the tool as the model saw it (native mode sends sanitised names such as `math_area`).
 */
export function secondPass(row: EvalRow, pass1Calls: readonly ToolCall[], type: FaultType, protocol: RunProtocol): SecondPass {
  const names = protocol.tool_mode === 'native' ? new ToolNameMap([...row.tools, ...pass1Calls]) : undefined;
  return buildSecondPass(row, pass1Calls, type, { style: protocol.fault_style, ...(names ? { nameAsSeen: (name: string) => names.toSafe(name) } : {}) });
}
