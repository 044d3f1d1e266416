import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { BfclQuestionText, discoverSources, ResultIndex } from '../index/index.js';
import { cleanRowFor } from './cleanRow.js';

test('a passing BFCL sample is quick-run from BFCL’s data files; without them the reason says where they were looked for', async () => {
  const index = new ResultIndex();
  for (const s of await discoverSources(resolve('test/fixtures/bfcl-run'))) await index.load(s, () => undefined);
  const passing = index.entries().find((e) => e.id === 'demo_simple_python_0')!;
  assert.equal(passing.verdict, 'pass');
  const missing = await cleanRowFor(index, passing, new BfclQuestionText());
  assert.ok(!missing.ok && /robustlens\.bfclDataFolders/.test(missing.reason));
  const found = await cleanRowFor(index, passing, new BfclQuestionText([resolve('test/fixtures/bfcl-data')]));
  assert.ok(found.ok);
  assert.deepEqual(found.row.tools.map((t) => t.name), ['units.convert_distance']);
  assert.deepEqual(found.row.golden_answers.map((c) => c.name), ['units.convert_distance']);
  const failed = index.entries().find((e) => e.verdict === 'fail')!;
  assert.ok((await cleanRowFor(index, failed)).ok, 'a failure carries its question in the score file');
});
