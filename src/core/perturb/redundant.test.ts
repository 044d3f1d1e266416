import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeRow, tool } from '../../../test/support/evalRows.js';
import { redundant } from './redundant.js';
import { ToolPool, toolTokens } from './toolPool.js';

test('tool terms split names at dots, underscores and camelCase humps and drop stop words', () => {
  assert.deepEqual([...toolTokens({ name: 'geometry.circleArea_calc', description: 'Compute the area of a circle.' })], ['geometry', 'circle', 'area', 'calc', 'compute']);
});

const area = tool('calculate_triangle_area', 'Calculate the area of a triangle from base and height.');
const unrelated = ['send_email', 'book_hotel', 'translate_text', 'get_news', 'order_pizza', 'convert_currency'];
const datasetRows = [
  makeRow({ id: 'a', tools: [tool('geometry.circle_area', 'Calculate the area of a circle from its radius or height.'), tool('stock_price', 'Latest stock price.')] }),
  makeRow({ id: 'b', tools: [tool('triangle_perimeter', 'Calculate the perimeter of a triangle from its base and sides.'), tool('play_music', 'Plays a song.')] }),
  makeRow({ id: 'c', tools: [tool('triangle_area', 'Calculate the area of a triangle from base and height.')] }),
  makeRow({ id: 'd', tools: unrelated.map((n) => tool(n, `Does ${n.replace('_', ' ')}.`)) }),
];

function poolOf(rows = datasetRows): ToolPool {
  const pool = new ToolPool();
  rows.forEach((r) => pool.addRow(r));
  return pool;
}

test('related tools come from other samples, above the threshold and below near-copies (triangle_area), most similar first', () => {
  const related = poolOf().related(area);
  assert.deepEqual(related.map((r) => r.tool.name), ['triangle_perimeter', 'geometry.circle_area']);
  assert.deepEqual(related.map((r) => r.source), ['b', 'a']);
});

test('1–2 related tools are added per golden tool; order non-golden + added + golden; golden answers unchanged', () => {
  const row = makeRow({ id: 'r', tools: [area, tool('send_email', 'Send an e-mail.')], golden: [{ name: area.name, parameters: { x: ['1'] } }] });
  const result = redundant(row, 42, poolOf());
  assert.ok(result.ok);
  const names = result.row.tools.map((t) => t.name);
  assert.equal(names[0], 'send_email');
  assert.equal(names.at(-1), area.name);
  const added = names.slice(1, -1);
  assert.ok(added.length >= 1 && added.length <= 2);
  for (const name of added) assert.ok(['triangle_perimeter', 'geometry.circle_area'].includes(name));
  assert.deepEqual(result.row.golden_answers, row.golden_answers);
  const meta = result.row.perturbation!.metadata as { added: Array<{ name: string; index: number; for: string }> };
  assert.deepEqual(meta.added.map((a) => [a.name, a.index, a.for]), added.map((n, i) => [n, 1 + i, area.name]));
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
