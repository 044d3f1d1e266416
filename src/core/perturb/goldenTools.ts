import type { EvalRow, JsonValue, ToolSpec } from '../schema/index.js';

/** The distinct tool names the golden answers call, in order of first use. */
export function goldenNames(row: EvalRow): string[] {
  return [...new Set(row.golden_answers.map((call) => call.name))];
}

export interface ToolSplit {
  /** Tools whose name a golden answer calls ("GT tools"), in tool-list order. */
  golden: ToolSpec[];
  /** Every other tool, in tool-list order. */
  others: ToolSpec[];
}

/**
 * Splits the tool list into golden and other tools, or says why the row has nothing to
 * perturb around: no golden call (an irrelevance sample) or a golden call to a missing tool.
 */
export function splitTools(row: EvalRow): ToolSplit | string {
  const names = goldenNames(row);
  if (names.length === 0) return 'the row has no golden call (nothing to perturb around)';
  const wanted = new Set(names);
  const golden: ToolSpec[] = [];
  const others: ToolSpec[] = [];
  for (const tool of row.tools) (wanted.has(tool.name) ? golden : others).push(tool);
  const present = new Set(golden.map((t) => t.name));
  const missing = names.filter((n) => !present.has(n));
  if (missing.length > 0) return `golden tool ${missing.join(', ')} is not in the tool list`;
  return { golden, others };
}

/** BFCL writes `"dict"` where JSON Schema says `"object"`; distractors copy the row's own style. */
export function objectTypeOf(tool: ToolSpec): string {
  const type = tool.parameters.type;
  return type === 'dict' ? 'dict' : 'object';
}

/** Every string inside golden argument values, BFCL's `""` ("may be omitted") left out. */
export function goldenStrings(row: EvalRow): string[] {
  const out: string[] = [];
  const walk = (value: JsonValue): void => {
    if (typeof value === 'string') {
      if (value !== '') out.push(value);
    } else if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach(walk);
    }
  };
  for (const call of row.golden_answers) Object.values(call.parameters).forEach(walk);
  return out;
}
