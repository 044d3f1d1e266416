import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeRow } from '../../../test/support/evalRows.js';
import { collectProblems } from '../formats/index.js';
import { discoverSources, sniffJsonl } from './discover.js';
import { ResultIndex } from './resultIndex.js';

const row = JSON.stringify(makeRow({ id: 'r1' }));
const prediction = JSON.stringify({ ...makeRow({ id: 'r1' }), prediction: { raw_output: '', tool_calls: [], error: null }, model: 'm', run: 'r' });

async function inTempDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'rl-discover-'));
  try {
    await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('a file is judged by its first record, past bad and unrelated lines', () =>
  inTempDir(async (dir) => {
    const cases: Array<[string, string, string | undefined]> = [
      ['clean.jsonl', `${row}\n`, 'eval-rows'],
      ['torn-first.jsonl', `{"id": "torn\n\n${prediction}\n`, 'predictions'],
      ['hostile-first.jsonl', `\x1b]0;pwned\x07 not json\n[1, 2]\n"text"\n${prediction}\n`, 'predictions'],
      ['tags.jsonl', `${JSON.stringify({ v: 1, op: 'add' })}\n`, undefined],
      ['late.jsonl', `${'nope\n'.repeat(20)}${prediction}\n`, undefined],
      ['empty.jsonl', '\n\n', undefined],
    ];
    for (const [name, text, kind] of cases) {
      await writeFile(join(dir, name), text);
      assert.equal(await sniffJsonl(join(dir, name)), kind, name);
    }
    await mkdir(join(dir, 'folder.jsonl'));
    assert.equal(await sniffJsonl(join(dir, 'folder.jsonl')), undefined, 'a folder is not a file of records');
  }));

test('a prediction file with a bad first line is indexed, and the line is a problem', () =>
  inTempDir(async (dir) => {
    await writeFile(join(dir, 'predictions.jsonl'), `{"id": "torn\n${prediction}\n`);
    const sources = await discoverSources(dir);
    assert.deepEqual(sources, [{ kind: 'predictions', path: join(dir, 'predictions.jsonl') }]);
    const index = new ResultIndex();
    const { problems, sink } = collectProblems();
    await index.load(sources[0]!, sink);
    assert.equal(index.entries().length, 1);
    assert.deepEqual(problems.map((p) => [p.line, p.severity]), [[1, 'error']]);
  }));
