import type { JsonValue, ToolCall } from '../schema/index.js';

/**
 * Matching for sources that are not BFCL (API-Bank, ToolAlpaca, RoTBench, ToolEyes): golden
 * answers hold plain values. Values are compared after a light normalisation, because these
 * benchmarks' own checkers compare parsed JSON: key order never matters, `"4"` equals `4`,
 * strings ignore case and surrounding space.
 */
export function normaliseValue(value: unknown): JsonValue {
  if (typeof value === 'string') {
    const t = value.trim();
    if (t !== '' && /^-?\d+(\.\d+)?$/.test(t)) return Number(t);
    return t.toLowerCase();
  }
  if (Array.isArray(value)) return value.map(normaliseValue);
  if (value && typeof value === 'object') {
    // fromEntries defines own properties: an argument named `__proto__` stays an argument.
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, normaliseValue((value as Record<string, unknown>)[key])]));
  }
  return (value ?? null) as JsonValue;
}

function sameCall(golden: ToolCall, predicted: ToolCall): boolean {
  return golden.name === predicted.name && JSON.stringify(normaliseValue(golden.parameters)) === JSON.stringify(normaliseValue(predicted.parameters));
}

export interface PlainVerdict {
  correct: boolean;
  error_type?: string;
  explanation?: string;
}

/** Why the closest predicted call of the same name does not match, argument by argument. */
function explainMismatch(golden: ToolCall, predicted: ToolCall[]): PlainVerdict {
  const sameName = predicted.filter((c) => c.name === golden.name);
  if (sameName.length === 0) {
    const got = predicted.map((c) => c.name).join(', ') || 'no call';
    return { correct: false, error_type: 'match:wrong_func_name', explanation: `expected a call to ${golden.name}, got ${got}` };
  }
  const call = sameName[0]!;
  const want = normaliseValue(golden.parameters) as Record<string, JsonValue>;
  const got = normaliseValue(call.parameters) as Record<string, JsonValue>;
  // Own-property lookups: a parameter named `constructor` or `__proto__` is an ordinary one.
  for (const key of Object.keys(want)) {
    if (!Object.hasOwn(got, key)) return { correct: false, error_type: 'match:missing_param', explanation: `${golden.name}: parameter "${key}" is missing (expected ${JSON.stringify(golden.parameters[key])})` };
    if (JSON.stringify(want[key]) !== JSON.stringify(got[key]))
      return { correct: false, error_type: 'match:value_error', explanation: `${golden.name}: parameter "${key}" expected ${JSON.stringify(golden.parameters[key])} but got ${JSON.stringify(call.parameters[key])}` };
  }
  const extra = Object.keys(got).find((k) => !Object.hasOwn(want, k));
  return { correct: false, error_type: 'match:unexpected_param', explanation: `${golden.name}: unexpected parameter "${extra}"` };
}

/**
 * `exact`: the predicted calls are the golden calls, no more and no fewer, in any order.
 * `soft`: every golden call is among the predicted calls (extra calls are allowed), as
 * ToolRL's API-Bank evaluator and the ToolAlpaca scorer do.
 */
export function matchCalls(golden: ToolCall[], predicted: ToolCall[], mode: 'exact' | 'soft'): PlainVerdict {
  if (golden.length === 0) {
    return predicted.length === 0
      ? { correct: true }
      : { correct: false, error_type: 'match:unexpected_call', explanation: `expected no call, got ${predicted.map((c) => c.name).join(', ')}` };
  }
  const unused = [...predicted];
  for (const g of golden) {
    const i = unused.findIndex((p) => sameCall(g, p));
    if (i < 0) return explainMismatch(g, predicted);
    unused.splice(i, 1);
  }
  if (mode === 'exact' && unused.length > 0) {
    return { correct: false, error_type: 'match:wrong_count', explanation: `expected ${golden.length} call(s), got ${predicted.length}; extra: ${unused.map((c) => c.name).join(', ')}` };
  }
  return { correct: true };
}
