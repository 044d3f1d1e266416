import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRow, tool } from '../../../test/support/evalRows.js';
import type { EvalRow, ToolSpec } from '../schema/index.js';
import { llmRedundant } from './llmVariants.js';
import { redundant } from './redundant.js';
import { RewriteCache } from './rewriteCache.js';
import type { Rewriter, RewriteRequest } from './rewriter.js';
import { ToolPool, toolTokens } from './toolPool.js';

test('tool terms split names at dots, underscores and camelCase humps and drop stop words', () => {
  assert.deepEqual([...toolTokens({ name: 'geometry.circleArea_calc', description: 'Compute the area of a circle.' })], ['geometry', 'circle', 'area', 'calc', 'compute']);
});

const typed = (type: string, ...names: string[]) => Object.fromEntries(names.map((n) => [n, { type }]));
const area = tool('calculate_triangle_area', 'Calculate the area of a triangle from base and height.', typed('float', 'base', 'height'));
const areaCall = { name: area.name, parameters: { base: [3], height: [4] } };
const unrelated = ['send_email', 'book_hotel', 'translate_text', 'get_news', 'order_pizza', 'convert_currency'];
const datasetRows = [
  makeRow({ id: 'a', tools: [tool('geometry.circle_area', 'Calculate the area of a circle from its radius or height.', typed('float', 'radius')), tool('stock_price', 'Latest stock price.')] }),
  makeRow({ id: 'b', tools: [tool('triangle_perimeter', 'Calculate the perimeter of a triangle from its base and sides.', typed('float', 'base', 'side2', 'side3')), tool('play_music', 'Plays a song.')] }),
  makeRow({ id: 'c', tools: [tool('triangle_area', 'Calculate the area of a triangle from base and height.', typed('float', 'base', 'height'))] }),
  makeRow({ id: 'd', tools: unrelated.map((n) => tool(n, `Does ${n.replace('_', ' ')}.`)) }),
];
/** Related to `area` and able to take its golden call: a functional duplicate. */
const areaDuplicate = makeRow({ id: 'e', tools: [tool('geometry.triangle_area', 'Half of base times height.', typed('float', 'base', 'height'))] });
const abc = typed('integer', 'a', 'b', 'c');
const gcdArgs = typed('integer', 'num1', 'num2');
const quadratic = tool('math_roots.quadratic', 'Calculate the roots of a quadratic equation.', abc);
const gcd = tool('math.gcd', 'Greatest common divisor of two integers.', gcdArgs);
const mathRows = [
  ...datasetRows,
  makeRow({ id: 'q', tools: [tool('solve_quadratic', 'Find the roots of a quadratic equation. Returns both roots.', abc), tool('math.lcm', 'The least common multiple of two integers.', gcdArgs)] }),
];

function poolOf(rows = datasetRows): ToolPool {
  const pool = new ToolPool();
  rows.forEach((r) => pool.addRow(r));
  return pool;
}

interface AddedNote { name: string; index: number; for: string; attempts?: number }
interface RejectedNote { name: string; for: string; reason: string }
const metadataOf = (row: EvalRow) => row.perturbation!.metadata as unknown as { added: AddedNote[]; rejected: RejectedNote[]; duplicate_guard: object };

test('related tools come from other samples, above the threshold and below near-copies (triangle_area), most similar first', () => {
  const related = poolOf().related(area);
  assert.deepEqual(related.map((r) => r.tool.name), ['triangle_perimeter', 'geometry.circle_area']);
  assert.deepEqual(related.map((r) => r.source), ['b', 'a']);
});

test('1–2 related tools are added per golden tool; order non-golden + added + golden; golden answers unchanged', () => {
  const row = makeRow({ id: 'r', tools: [area, tool('send_email', 'Send an e-mail.')], golden: [areaCall] });
  const result = redundant(row, 42, poolOf());
  assert.ok(result.ok);
  const names = result.row.tools.map((t) => t.name);
  assert.equal(names[0], 'send_email');
  assert.equal(names.at(-1), area.name);
  const added = names.slice(1, -1);
  assert.ok(added.length >= 1 && added.length <= 2);
  for (const name of added) assert.ok(['triangle_perimeter', 'geometry.circle_area'].includes(name));
  assert.deepEqual(result.row.golden_answers, row.golden_answers);
  const meta = metadataOf(result.row);
  assert.deepEqual(meta.added.map((a) => [a.name, a.index, a.for]), added.map((n, i) => [n, 1 + i, area.name]));
  assert.deepEqual(meta.rejected, []);
  assert.deepEqual(meta.duplicate_guard, { same_name_share: 1, same_arguments_shared_words: 1 });
});

test('a tool whose name is already in the row is never added', () => {
  const row = makeRow({ tools: [area, tool('triangle_perimeter', 'Another tool under that name.')], golden: [{ name: area.name, parameters: {} }] });
  const result = redundant(row, 42, poolOf());
  assert.ok(result.ok);
  assert.equal(result.row.tools.filter((t) => t.name === 'triangle_perimeter').length, 1);
});

test('no related tool in the dataset: skipped with the reason', () => {
  const row = makeRow({ tools: [tool('launch_rocket', 'Launch a rocket into orbit.')], golden: [{ name: 'launch_rocket', parameters: {} }] });
  const result = redundant(row, 1, poolOf());
  assert.match(!result.ok ? result.reason : '', /no tool in the dataset is related to launch_rocket/);
});

test('a related tool that could satisfy the golden call is never added; the others are drawn and it is recorded as rejected', () => {
  const pool = poolOf([...datasetRows, areaDuplicate]);
  assert.equal(pool.related(area)[0]!.tool.name, 'geometry.triangle_area', 'the duplicate is the most related tool');
  const row = makeRow({ id: 'r', tools: [area], golden: [areaCall] });
  for (let seed = 0; seed < 20; seed++) {
    const result = redundant(row, seed, pool);
    assert.ok(result.ok);
    const meta = metadataOf(result.row);
    assert.ok(meta.added.every((a) => ['triangle_perimeter', 'geometry.circle_area'].includes(a.name)), `seed ${seed}`);
    assert.deepEqual(meta.rejected, [{ name: 'geometry.triangle_area', for: area.name, reason: 'same parameters base, height; name shares triangle, area' }]);
  }
});

test('a related tool that takes the same arguments but shares no name word is a fair distractor (math.lcm for math.gcd)', () => {
  const row = makeRow({ tools: [gcd], golden: [{ name: gcd.name, parameters: { num1: [12], num2: [18] } }] });
  const result = redundant(row, 42, poolOf(mathRows));
  assert.ok(result.ok);
  assert.deepEqual(metadataOf(result.row).added.map((a) => a.name), ['math.lcm']);
});

test('only functional duplicates related: skipped, naming each rejected tool and why (BFCL multiple_11)', () => {
  const row = makeRow({ tools: [quadratic], golden: [{ name: quadratic.name, parameters: { a: [5], b: [20], c: [-25] } }] });
  const result = redundant(row, 42, poolOf(mathRows));
  assert.equal(
    !result.ok && result.reason,
    'no related tool left for math_roots.quadratic: solve_quadratic could satisfy the golden call to math_roots.quadratic (same parameters a, b, c; name shares quadratic)',
  );
});

/** A rewriter that answers each request of `llmRedundant` with `answers[attempt - 1]`, cut to the count asked for; it records the requests. */
function scriptedRewriter(answers: ToolSpec[][]): Rewriter & { requests: RewriteRequest[] } {
  const requests: RewriteRequest[] = [];
  return {
    id: 'inventor',
    requests,
    rewrite: (request) => {
      requests.push(request);
      const count = Number(/Invent (\d+) new tool/.exec(request.instruction)![1]);
      return Promise.resolve(JSON.stringify(answers[request.attempt - 1]!.slice(0, count)));
    },
  };
}

const quadraticRow = makeRow({ tools: [quadratic], golden: [{ name: quadratic.name, parameters: { a: [2], b: [3], c: [-4] } }] });
const cubic = tool('math_roots.cubic', 'Roots of a cubic equation.', typed('integer', 'a', 'b', 'c', 'd'));
const polynomial = tool('polynomial.evaluate', 'Value of a polynomial at a point.', typed('array', 'coefficients'));
const solveQuadratic = tool('solve_quadratic_equation', 'Solves a quadratic equation.', abc);

test('rejected duplicates do not use up the draw: the next related tools are drawn instead', () => {
  const duplicates = [1, 2, 3, 4, 5].map((i) => tool(`quadratic_solver_${i}`, 'Solves a quadratic equation.', abc));
  const related = [...duplicates, cubic].map((t, i) => ({ tool: t, similarity: 0.5 - i / 100, source: 'x' }));
  const pool = { related: () => related } as unknown as ToolPool;
  const result = redundant(quadraticRow, 42, pool);
  assert.ok(result.ok);
  const meta = metadataOf(result.row);
  assert.deepEqual(meta.added.map((a) => a.name), ['math_roots.cubic']);
  assert.deepEqual(meta.rejected.map((r) => r.name), duplicates.map((t) => t.name));
});

test('LLM variant: a generated tool that could satisfy the golden call is rejected and the rewriter asked again with the reason', async () => {
  const rewriter = scriptedRewriter([[solveQuadratic, cubic], [cubic, polynomial]]);
  const result = await llmRedundant(quadraticRow, 42, { rewriter, cache: RewriteCache.inMemory() });
  assert.ok(result.ok);
  const meta = metadataOf(result.row);
  assert.deepEqual(meta.added.map((a) => a.name), ['math_roots.cubic', 'polynomial.evaluate'].slice(0, meta.added.length));
  assert.ok(meta.added.every((a) => a.attempts === 2));
  assert.deepEqual(meta.duplicate_guard, { same_name_share: 1, same_arguments_shared_words: 1 });
  assert.equal(rewriter.requests.length, 2);
  assert.match(rewriter.requests[0]!.instruction, /None may be able to stand in for it/);
  assert.match(
    rewriter.requests[1]!.instruction,
    /rejected: solve_quadratic_equation could satisfy the golden call to math_roots\.quadratic \(same parameters a, b, c; name shares quadratic\); it must serve a different purpose/,
  );
});

test('LLM variant: only duplicates generated: the row is skipped with the last reason', async () => {
  const sameName = tool('quadratic.roots', 'Roots of ax^2+bx+c.', typed('float', 'x'));
  const rewriter = scriptedRewriter([[solveQuadratic, cubic], [sameName, cubic]]);
  const result = await llmRedundant(quadraticRow, 42, { rewriter, cache: RewriteCache.inMemory(), maxAttempts: 2 });
  assert.match(!result.ok ? result.reason : '', /tools related to math_roots\.quadratic: rewrite rejected 2 time\(s\); last: quadratic\.roots could satisfy the golden call to math_roots\.quadratic \(same name words root, quadratic\)/);
});
