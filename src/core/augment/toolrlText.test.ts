import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { loadSharedRows, sharedBfclMissing } from '../../../test/support/sharedBfcl.js';
import { TOOLRL_SFT_FILE, sharedToolRlMissing } from '../../../test/support/sharedToolRl.js';
import { readToolRlSft, type ToolRlSample } from '../formats/index.js';
import type { EvalRow } from '../schema/index.js';
import { plainGoldenCalls } from './plainGolden.js';
import { pyJsonDumps } from './pyJsonDumps.js';
import { RESPONSE_THINK, TOOL_CALL_THINK, toolRlGroundTruth, toolRlInput, toolRlInstruction, toolRlOutput } from './toolrlText.js';

test('ToolRL texts: every real sample renders back byte for byte (instruction, dialogue, answer)', { skip: sharedToolRlMissing() }, async () => {
  const samples = JSON.parse(await readFile(TOOLRL_SFT_FILE, 'utf8')) as ToolRlSample[];
  let index = 0;
  for await (const row of readToolRlSft(TOOLRL_SFT_FILE, (p) => assert.fail(p.message))) {
    const sample = samples[index++]!;
    assert.equal(toolRlInstruction(row), sample.instruction, `instruction of sample ${index - 1}`);
    assert.equal(toolRlInput(row), sample.input, `input of sample ${index - 1}`);
    const truth = toolRlGroundTruth(row)!;
    assert.equal(toolRlOutput(row, truth), sample.output);
    // The ground truth keeps the answer after the reasoning exactly, under ToolRL's fixed reasoning.
    const answer = sample.output.slice(sample.output.indexOf('</think>') + '</think>'.length);
    assert.equal(truth, (row.golden_answers.length > 0 ? TOOL_CALL_THINK : RESPONSE_THINK) + answer);
  }
  assert.equal(index, 400);
});

test('ToolRL texts: a changed tool or call is written as Python\'s json.dumps would', () => {
  assert.equal(pyJsonDumps({ a: 'é ☃ 𝄞 "q" \\ \n', b: [1, 2.5, 1e-7, true, null], c: {} }), '{"a": "\\u00e9 \\u2603 \\ud834\\udd1e \\"q\\" \\\\ \\n", "b": [1, 2.5, 1e-07, true, null], "c": {}}');
});

function bfclRow(id: string, rows: EvalRow[]): EvalRow {
  return rows.find((r) => r.id.endsWith(`__${id}`))!;
}

test('ToolRL texts: BFCL rows get one concrete call each, omitting what BFCL lets be omitted', { skip: sharedBfclMissing() }, async () => {
  const simple = await loadSharedRows('simple_python');
  const row = bfclRow('simple_python_0', simple);
  // BFCL: {"base": [10], "height": [5], "unit": ["units", ""]}.
  assert.deepEqual(plainGoldenCalls(row), [{ name: 'calculate_triangle_area', parameters: { base: 10, height: 5 } }]);
  assert.equal(toolRlGroundTruth(row), `${TOOL_CALL_THINK}\n<tool_call>\n{"name": "calculate_triangle_area", "parameters": {"base": 10, "height": 5}}\n</tool_call>`);
  assert.match(toolRlInstruction(row), /^You are a helpful multi-turn dialogue assistant[\s\S]*\n1\. Name: calculate_triangle_area\nDescription: Calculate the area of a triangle given its base and height\.\nParameters: \{"type": "dict", "properties": /);
  assert.equal(toolRlInput(row), '**Dialogue Records History**\n<user> Find the area of a triangle with a base of 10 units and height of 5 units. </user>');
  const live = await loadSharedRows('live_simple');
  const withSystem = live.find((r) => r.conversation.some((m) => m.role === 'system'))!;
  const system = withSystem.conversation.find((m) => m.role === 'system')!.content!;
  assert.ok(toolRlInstruction(withSystem).endsWith(`(if exists).\n\n${system}`), 'a BFCL system message follows ToolRL\'s instructions');
  assert.ok(!toolRlInput(withSystem).includes(system));
});
