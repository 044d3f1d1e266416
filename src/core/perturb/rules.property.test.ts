import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fuzz } from '../../../test/support/fuzz.js';
import { evalRow, type EvalRow, type ToolSpec } from '../schema/index.js';
import { perturbByRule, STATIC_TYPES } from './engine.js';
import { PERTURBATIONS } from './registry.js';
import { ToolPool } from './toolPool.js';

const RULE_TYPES = STATIC_TYPES.filter((id) => PERTURBATIONS.find((p) => p.id === id)!.kind === 'rule');
const word = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'get', 'a.b', 'x_y', 'Éé', '\u001b[2J'), fc.string({ minLength: 1, maxLength: 10 }));

/** A row with 1–4 tools of random names and parameters, its golden calls to some of them. */
const rows = fc
  .uniqueArray(word, { minLength: 1, maxLength: 4 })
  .chain((names) =>
    fc.record({
      tools: fc.tuple(...names.map((name) => fc.record({ name: fc.constant(name), description: fc.string({ maxLength: 30 }), params: fc.uniqueArray(word, { maxLength: 3 }) }))),
      golden: fc.array(fc.constantFrom(...names), { minLength: 0, maxLength: 3 }),
      query: fc.string({ maxLength: 80 }),
      bfcl: fc.boolean(),
    }),
  )
  .map(({ tools, golden, query, bfcl }): EvalRow => {
    const specs: ToolSpec[] = tools.map((t) => ({
      name: t.name,
      description: t.description,
      parameters: { type: 'dict', properties: Object.fromEntries(t.params.map((p) => [p, { type: 'string' }])), required: t.params },
    }));
    const call = (name: string) => ({ name, parameters: Object.fromEntries(specs.find((s) => s.name === name)!.parameters.required!.map((p) => [p, bfcl ? ['v'] : 'v'])) });
    return {
      id: 'fuzz',
      benchmark: 'fuzz',
      category: bfcl ? 'BFCL_v4_multiple' : 'fuzz',
      source: null,
      conversation: [{ role: 'user', content: query }],
      tools: specs,
      golden_answers: golden.map(call),
      eval_config: bfcl ? { method: 'bfcl_ast', category: 'multiple' } : { method: 'exact_match' },
      perturbation: null,
    };
  });

test('property: every rule type either skips with a reason or writes a valid row whose golden answers still name its tools', () => {
  fc.assert(
    fc.property(rows, fc.nat(), (row, seed) => {
      const pool = new ToolPool();
      pool.addRow(row);
      for (const type of RULE_TYPES) {
        const result = perturbByRule(type, row, { seed, pool });
        if (!result.ok) {
          assert.ok(result.reason.length > 0, type);
          continue;
        }
        assert.ok(evalRow.safeParse(result.row).success, `${type} writes a valid row`);
        for (const call of result.row.golden_answers) assert.ok(result.row.tools.some((t) => t.name === call.name), `${type}: golden ${call.name} is a tool`);
        if (!type.endsWith('_AB')) assert.deepEqual(result.row.golden_answers, row.golden_answers, `${type} keeps the golden answers`);
      }
    }),
    fuzz(150),
  );
});
