// Small hand-made eval rows for unit tests of perturbations.
import type { EvalRow, GoldenCall } from '../../src/core/schema/case.js';
import type { ToolSpec } from '../../src/core/schema/index.js';

export function tool(name: string, description = `Does ${name}.`, properties: Record<string, { type: string; description?: string }> = { x: { type: 'string', description: 'The x.' } }): ToolSpec {
  return { name, description, parameters: { type: 'dict', properties, required: Object.keys(properties) } };
}

export interface RowParts {
  id?: string;
  query?: string;
  tools?: ToolSpec[];
  golden?: GoldenCall[];
}

/** A clean BFCL-style row: one user message, BFCL answer form, scored by the AST checker. */
export function makeRow(parts: RowParts = {}): EvalRow {
  const tools = parts.tools ?? [tool('get_weather'), tool('get_time')];
  return {
    id: parts.id ?? 'row_1',
    benchmark: 'bfcl_v4',
    category: 'BFCL_v4_multiple',
    source: null,
    conversation: [{ role: 'user', content: parts.query ?? 'Please tell me the weather in the city today.' }],
    tools,
    golden_answers: parts.golden ?? [{ name: tools[0]!.name, parameters: { x: ['value'] } }],
    eval_config: { method: 'bfcl_ast', category: 'multiple' },
    perturbation: null,
  };
}
