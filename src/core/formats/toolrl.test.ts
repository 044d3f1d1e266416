import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TOOLRL_SFT_FILE, sharedToolRlMissing } from '../../../test/support/sharedToolRl.js';
import type { EvalRow } from '../schema/index.js';
import type { Problem } from './problems.js';
import { isToolRlSftFile, readToolRlSft, toolRlExtraOf } from './toolrl.js';

const BROKEN = 'test/fixtures/toolrl-sft/broken_sft.json';

async function read(file: string): Promise<{ rows: EvalRow[]; problems: Problem[] }> {
  const rows: EvalRow[] = [];
  const problems: Problem[] = [];
  for await (const row of readToolRlSft(file, (p) => problems.push(p))) rows.push(row);
  return { rows, problems };
}

test('ToolRL SFT: every one of the 400 real samples becomes a row with its tools, dialogue and golden calls', { skip: sharedToolRlMissing() }, async () => {
  assert.equal(await isToolRlSftFile(TOOLRL_SFT_FILE), true);
  const { rows, problems } = await read(TOOLRL_SFT_FILE);
  assert.deepEqual(problems, []);
  assert.equal(rows.length, 400);
  const first = rows[0]!;
  assert.equal(first.id, 'toolrl__rlla_sft__0');
  assert.deepEqual(first.tools.map((t) => t.name), ['Search Managers', 'Daily Match List-Scheduled', 'Tennis Schedules Odds API', 'Event Result', 'Get Specific Fighter']);
  assert.deepEqual(first.tools[0]!.parameters.properties, { name: { description: 'The name of the manager to search for', type: 'string', default: '' } });
  assert.deepEqual(first.conversation, [{ role: 'user', content: 'Could you help me find information on the manager Alex Ferguson?' }]);
  assert.deepEqual(first.golden_answers, [{ name: 'Search Managers', parameters: { name: 'Alex Ferguson' } }]);
  assert.equal(first.eval_config.method, 'exact_match');
  // 54 samples answer in words only, 346 call tools; 37 dialogues carry earlier tool feedback.
  assert.equal(rows.filter((r) => r.golden_answers.length === 0 && toolRlExtraOf(r)!.response !== null).length, 54);
  assert.equal(rows.filter((r) => r.golden_answers.length > 0 && toolRlExtraOf(r)!.response === null).length, 346);
  assert.equal(rows.filter((r) => r.conversation.some((m) => m.role === 'tool')).length, 37);
  // A reasoning that mentions <tool_call> does not hide the real calls after it.
  assert.equal(rows.filter((r) => toolRlExtraOf(r)!.output.split('</think>')[0]!.includes('<tool_call>')).length > 0, true);
  assert.equal(rows.filter((r) => toolRlExtraOf(r)!.output.includes('<tool_call>') && r.golden_answers.length === 0).length, 0);
});

test('ToolRL SFT: a broken sample is a problem naming its position, and the rest are read', async () => {
  assert.equal(await isToolRlSftFile(BROKEN), true);
  const { rows, problems } = await read(BROKEN);
  assert.deepEqual(rows.map((r) => r.id), ['toolrl__broken_sft__0', 'toolrl__broken_sft__4']);
  assert.deepEqual(problems.map((p) => [p.file, p.message.split(':')[0]]), [[BROKEN, 'sample 1'], [BROKEN, 'sample 2'], [BROKEN, 'sample 3']]);
  assert.match(problems[0]!.message, /not a ToolRL sample/);
  assert.match(problems[1]!.message, /Available Tools/);
  assert.match(problems[2]!.message, /<think>/);
});

test('ToolRL SFT: BFCL\'s JSON-lines .json files and eval rows are not taken for it', async () => {
  assert.equal(await isToolRlSftFile('test/fixtures/bfcl-data/BFCL_v4_simple_python.json'), false);
  assert.equal(await isToolRlSftFile('src/core/formats/toolrl.ts'), false);
});
