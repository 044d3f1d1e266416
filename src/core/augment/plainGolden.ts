import { type EvalRow, isPlainObject, type JsonObject, type JsonValue, type ToolCall } from '../schema/index.js';

/** BFCL's "may be omitted" marker among a parameter's allowed values. */
const OMITTED = '';

/**
 * One concrete value from a BFCL list of allowed values: omitted when omission is allowed (the
 * shortest call BFCL accepts), else the first value. A dict's own values are lists of allowed
 * values again, one level down, as BFCL's checker reads them.
 */
function firstAllowed(allowed: JsonValue): { value: JsonValue } | undefined {
  if (!Array.isArray(allowed)) return { value: allowed };
  if (allowed.some((v) => v === OMITTED) || allowed.length === 0) return undefined;
  return { value: concrete(allowed[0]!) };
}

function concrete(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(concrete);
  if (!isPlainObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, allowed] of Object.entries(value)) {
    const picked = firstAllowed(allowed);
    if (picked) out[key] = picked.value;
  }
  return out;
}

/**
 * The golden calls as one concrete call each, the form a reward that compares values exactly
 * needs: BFCL rows list allowed values per parameter, other sources already hold plain values.
 */
export function plainGoldenCalls(row: EvalRow): ToolCall[] {
  if (row.eval_config.method !== 'bfcl_ast') return row.golden_answers;
  return row.golden_answers.map((call) => ({ name: call.name, parameters: concrete(call.parameters) as JsonObject }));
}
