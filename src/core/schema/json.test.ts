import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { predictionRecord } from './case.js';
import { bfclPossibleAnswer } from './bfcl.js';
import { describeIssues, jsonObject, jsonValue } from './json.js';
import { MAX_JSON_DEPTH } from './safeJson.js';
import { toolCall, toolSpec } from './tools.js';
import { fuzz } from '../../../test/support/fuzz.js';

/** Keys that name Object.prototype's members are the ones a copy into `{}` gets wrong. */
const key = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'), fc.string({ maxLength: 6 }));

/** Objects as JSON.parse builds them: `__proto__` an own key like any other. */
const objectOf = <T>(value: fc.Arbitrary<T>) => fc.uniqueArray(fc.tuple(key, value), { maxLength: 5, selector: ([k]) => k }).map((entries) => Object.fromEntries(entries));

const { json } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
    fc.string({ maxLength: 8 }),
    fc.array(tie('json'), { maxLength: 4 }),
    objectOf(tie('json')),
  ),
}));
const object = objectOf(json);

/** The value as a file would hold it, read back as the readers read it. */
const fromFile = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** Same text means same keys (own, `__proto__` included, in order) and same values. */
function assertKept(parsed: unknown, original: unknown): void {
  assert.equal(JSON.stringify(parsed), JSON.stringify(original));
  assert.deepEqual(parsed, original);
}

const RUNS = fuzz(200);

test('any JSON value or object survives jsonValue and jsonObject with every key and value', () => {
  fc.assert(
    fc.property(json, object, (value, obj) => {
      assertKept(jsonValue.parse(fromFile(value)), fromFile(value));
      assertKept(jsonObject.parse(fromFile(obj)), fromFile(obj));
    }),
    RUNS,
  );
});

test('tool call parameters, golden answers, BFCL answers and parameter schemas keep every key', () => {
  const schemaProps = objectOf(fc.record({ type: fc.constantFrom('string', 'integer'), description: fc.string({ maxLength: 6 }) }));
  const allowed = objectOf(fc.array(json, { maxLength: 3 }));
  fc.assert(
    fc.property(object, allowed, schemaProps, (params, bfclParams, properties) => {
      const file = fromFile(params) as Record<string, unknown>;
      assertKept(toolCall.parse({ name: 'f', parameters: file }).parameters, file);
      assertKept(toolCall.parse({ name: 'f', parameters: JSON.stringify(params) }).parameters, file);
      const answer = fromFile({ id: 'a', ground_truth: [Object.fromEntries([['f', bfclParams]])] });
      assertKept(bfclPossibleAnswer.parse(answer), answer);
      const tool = fromFile({ name: 'f', description: '', parameters: { type: 'dict', properties } }) as { parameters: unknown };
      assertKept(toolSpec.parse(tool).parameters, tool.parameters);
      const record = fromFile({
        id: 'r',
        benchmark: 'b',
        category: 'c',
        conversation: [],
        tools: [],
        golden_answers: [{ name: 'f', parameters: params }],
        eval_config: { method: 'exact_match' },
        prediction: { raw_output: '', tool_calls: [{ name: 'f', parameters: params }], error: null },
      }) as { golden_answers: unknown[]; prediction: { tool_calls: unknown[] } };
      const parsed = predictionRecord.parse(record);
      assertKept(parsed.golden_answers, record.golden_answers);
      assertKept(parsed.prediction.tool_calls, record.prediction.tool_calls);
    }),
    RUNS,
  );
});

test('a value deeper than the limit is refused with its path, without recursing', () => {
  let deep: unknown = 1;
  for (let i = 0; i < 100_000; i++) deep = [deep];
  const result = jsonValue.safeParse({ a: deep });
  assert.equal(result.success, false);
  assert.match(describeIssues(result.error!), new RegExp(`^a(\\.0)+: nested deeper than ${MAX_JSON_DEPTH} levels$`));
  let edge: unknown = 1;
  for (let i = 0; i < MAX_JSON_DEPTH; i++) edge = [edge];
  assert.equal(jsonValue.safeParse(edge).success, true, 'the limit itself is allowed');
  const encoded = toolCall.safeParse({ name: 'f', parameters: `${'{"a":'.repeat(MAX_JSON_DEPTH + 1)}1${'}'.repeat(MAX_JSON_DEPTH + 1)}` });
  assert.match(describeIssues(encoded.error!), /JSON-encoded string: JSON nested deeper than 100 levels/);
});

test('what is not JSON is refused, as the union of JSON types refused it', () => {
  for (const bad of [undefined, Number.NaN, Infinity, () => 1, new Date(0), 1n, { a: [1, undefined] }]) {
    assert.equal(jsonValue.safeParse(bad).success, false, String(bad));
  }
  assert.equal(describeIssues(jsonObject.safeParse([1]).error!), '(root): expected an object');
  assert.equal(describeIssues(jsonValue.safeParse({ a: [1, Infinity] }).error!), 'a.1: expected a finite number, got Infinity');
});
