import type { ArgView, CallView } from '../../protocol.js';
import { normaliseValue, standardizeString } from '../score/index.js';
import type { ToolCall } from '../schema/index.js';

/** `bfcl`: golden parameters hold lists of allowed values (`""` = may be omitted); `plain`: values. */
export type GoldenForm = 'bfcl' | 'plain';

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return standardizeString(a) === standardizeString(b);
  return JSON.stringify(normaliseValue(a)) === JSON.stringify(normaliseValue(b));
}

function allowedValues(expected: unknown, form: GoldenForm): unknown[] {
  return form === 'bfcl' && Array.isArray(expected) ? expected : [expected];
}

function optional(expected: unknown, form: GoldenForm): boolean {
  return form === 'bfcl' && Array.isArray(expected) && expected.includes('');
}

/** BFCL's function-calling runs write `math_factorial` for `math.factorial`. */
function sameName(golden: string, predicted: string): boolean {
  return golden === predicted || golden.replace(/\./g, '_') === predicted;
}

function json(v: unknown): string {
  return JSON.stringify(v) ?? 'undefined';
}

function compareArgs(golden: ToolCall, predicted: ToolCall, form: GoldenForm): ArgView[] {
  const args: ArgView[] = [];
  for (const [name, value] of Object.entries(predicted.parameters)) {
    if (!Object.hasOwn(golden.parameters, name)) {
      args.push({ name, value: json(value), status: 'extra' });
      continue;
    }
    const expected = golden.parameters[name];
    const ok = allowedValues(expected, form).some((allowed) => same(allowed, value));
    args.push({ name, value: json(value), status: ok ? 'match' : 'differs', expected: json(expected) });
  }
  for (const [name, expected] of Object.entries(golden.parameters)) {
    if (!(name in predicted.parameters) && !optional(expected, form)) args.push({ name, value: '', status: 'missing', expected: json(expected) });
  }
  return args;
}

export interface CallComparison {
  golden: CallView[];
  predicted: CallView[];
}

/**
 * Pairs predicted calls with golden calls of the same name and marks, argument by argument,
 * what matches, differs, is missing or extra. For display only: the verdict is the scorer's.
 */
export function compareCalls(golden: ToolCall[], predicted: ToolCall[], form: GoldenForm): CallComparison {
  const unmatched = golden.map((_, i) => i);
  const goldenStatus = new Map<number, CallView['status']>();
  const predictedViews: CallView[] = predicted.map((call) => {
    const candidates = unmatched.filter((i) => sameName(golden[i]!.name, call.name));
    if (candidates.length === 0) return { name: call.name, status: 'extra', args: Object.entries(call.parameters).map(([name, v]) => ({ name, value: json(v), status: 'extra' as const })) };
    const scored = candidates.map((i) => ({ i, args: compareArgs(golden[i]!, call, form) }));
    const best = scored.find((c) => c.args.every((a) => a.status === 'match')) ?? scored[0]!;
    unmatched.splice(unmatched.indexOf(best.i), 1);
    const status = best.args.every((a) => a.status === 'match') ? 'match' : 'wrong_args';
    goldenStatus.set(best.i, status);
    return { name: call.name, status, args: best.args };
  });
  const goldenViews: CallView[] = golden.map((call, i) => ({
    name: call.name,
    status: goldenStatus.get(i) ?? 'missing',
    args: Object.entries(call.parameters).map(([name, v]) => ({ name, value: json(v), status: 'unchecked' as const })),
  }));
  return { golden: goldenViews, predicted: predictedViews };
}

/** Calls without golden answers to compare with (e.g. a BFCL pass without its answer file). */
export function plainCallViews(calls: ToolCall[]): CallView[] {
  return calls.map((c) => ({ name: c.name, status: 'unchecked', args: Object.entries(c.parameters).map(([name, v]) => ({ name, value: json(v), status: 'unchecked' as const })) }));
}
