import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ANSWERED_CATEGORIES, loadSharedRows, sharedBfclMissing } from '../../../test/support/sharedBfcl.js';
import { languageOf } from '../score/bfcl/category.js';
import { checkCalls } from '../score/bfcl/entry.js';
import { bfclExpectedCall, type BfclExpectedCall } from '../schema/bfcl.js';
import type { EvalRow, JsonObject, JsonValue, ParameterSchema, ToolCall } from '../schema/index.js';
import { perturbByRule, STATIC_TYPES } from './engine.js';
import { PERTURBATIONS, type PerturbationId } from './registry.js';
import { ToolPool } from './toolPool.js';

const RULE_TYPES = STATIC_TYPES.filter((id) => PERTURBATIONS.find((p) => p.id === id)!.kind === 'rule');
const isObject = (x: unknown): x is JsonObject => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The first allowed value that is not `""` ("may be omitted"), nested dicts resolved the same way. */
function firstAllowed(allowed: JsonValue): JsonValue | undefined {
  if (!Array.isArray(allowed)) return allowed;
  const pick = allowed.find((v) => v !== '');
  return pick === undefined ? undefined : materialise(pick);
}

function materialise(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(materialise);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, allowed] of Object.entries(value)) {
    const v = firstAllowed(allowed);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** BFCL reads JavaScript arguments as source text. */
function asArgument(value: JsonValue, row: EvalRow): JsonValue {
  return languageOf(row.eval_config.category ?? '') === 'javascript' && typeof value !== 'string' ? JSON.stringify(value) : value;
}

/** What a perfect model would call: each golden call with the first allowed value of every parameter. */
function oraclePrediction(row: EvalRow): ToolCall[] {
  return row.golden_answers.map((call) => {
    const parameters: JsonObject = {};
    for (const [name, allowed] of Object.entries(call.parameters)) {
      const v = firstAllowed(allowed);
      if (v !== undefined) parameters[name] = asArgument(v, row);
    }
    return { name: call.name, parameters };
  });
}

/** The golden answers back in BFCL's possible-answer form. */
function groundTruth(row: EvalRow): BfclExpectedCall[] {
  return row.golden_answers.map((c) => bfclExpectedCall.parse({ [c.name]: c.parameters }));
}

function verdict(row: EvalRow, calls: ToolCall[]) {
  return checkCalls({ category: row.eval_config.category!, functions: row.tools, calls, groundTruth: groundTruth(row) });
}

function correct(row: EvalRow, calls: ToolCall[]): boolean {
  return verdict(row, calls).valid;
}

/** Plausible arguments for a schema: a value of the declared type for each required parameter. */
function argumentsFitting(schema: ParameterSchema, row: EvalRow): JsonObject {
  const sample: Record<string, JsonValue> = { string: 'x', integer: 0, int: 0, number: 0.5, float: 0.5, boolean: false, array: [], tuple: [], dict: {}, object: {} };
  const out: JsonObject = {};
  for (const name of schema.required ?? []) {
    const type = String(schema.properties?.[name]?.type ?? 'string').toLowerCase();
    out[name] = asArgument(sample[type] ?? 'x', row);
  }
  return out;
}

/** The oracle's calls redirected to the distractors a perturbation added, or undefined when it added none to redirect to. */
function distractorPrediction(type: PerturbationId, row: EvalRow): ToolCall[] | undefined {
  const oracle = oraclePrediction(row);
  const meta = row.perturbation!.metadata!;
  if (type.startsWith('same_name_')) {
    const variant = type.slice(-1);
    const distractorOf = new Map((meta['distractors'] as Array<{ name: string; index: number }>).map((d) => [d.name, row.tools[d.index]!]));
    return oracle.map((call) => {
      const distractor = distractorOf.get(call.name);
      if (!distractor) return call;
      return { name: call.name, parameters: 'AB'.includes(variant) ? {} : argumentsFitting(distractor.parameters, row) };
    });
  }
  const added = (meta['added'] ?? meta['distractors']) as Array<{ name: string; for: string }> | undefined;
  if (!added) return undefined;
  const lureFor = new Map(added.map((a) => [a.for, a.name]));
  return oracle.some((c) => lureFor.has(c.name)) ? oracle.map((c) => ({ ...c, name: lureFor.get(c.name) ?? c.name })) : undefined;
}

/** Rows whose golden answer no call can satisfy under BFCL's checker (answer and schema disagree upstream). */
const UNSATISFIABLE = /unexpected parameter "[^"]+" \(it is not in the function's schema\)|required parameter "[^"]+" is missing/;

test('oracle over all shared BFCL categories: golden answers turned into calls score 100% on every perturbed split; calling the distractor scores 0', { timeout: 600_000 }, async (t) => {
  const missing = sharedBfclMissing();
  if (missing) return t.skip(missing);
  const report: string[] = [];
  for (const category of ANSWERED_CATEGORIES) {
    const rows = await loadSharedRows(category);
    const pool = new ToolPool();
    rows.forEach((r) => pool.addRow(r));
    const answerable = rows.filter((r) => correct(r, oraclePrediction(r)));
    for (const r of rows.filter((row) => !answerable.includes(row))) {
      assert.match(verdict(r, oraclePrediction(r)).explanation ?? '', UNSATISFIABLE, r.id);
    }
    assert.ok(rows.length - answerable.length <= 3, `${category}: ${rows.length - answerable.length} unanswerable rows`);
    const line = [`${category}: clean ${answerable.length}/${rows.length}`];
    for (const type of RULE_TYPES) {
      let written = 0;
      let lured = 0;
      const wrong: string[] = [];
      const fooled: string[] = [];
      for (const clean of answerable) {
        const result = perturbByRule(type, clean, { seed: 42, pool });
        if (!result.ok) continue;
        written++;
        if (!correct(result.row, oraclePrediction(result.row))) wrong.push(clean.id);
        const lure = distractorPrediction(type, result.row);
        // A call that also answers the clean row (say, a tool whose parameters may all be omitted) is no lure.
        if (!lure || correct(clean, lure)) continue;
        lured++;
        if (correct(result.row, lure)) fooled.push(clean.id);
      }
      assert.deepEqual(wrong, [], `${category} ${type}: the oracle fails on ${wrong.length}/${written}`);
      assert.deepEqual(fooled, [], `${category} ${type}: calling the distractor passes on ${fooled.length}/${lured}`);
      line.push(`${type} ${written}/${written}, lure passes 0/${lured}`);
    }
    report.push(line.join('; '));
  }
  report.forEach((r) => t.diagnostic(r));
});
