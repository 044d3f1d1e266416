// `robustlens tags` over two results folders, each with its own journal next to its results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { journalOf } from '../core/tags/index.js';
import { TagJournal } from '../core/tags/journal.js';

const CLI = resolve('src/cli.ts');
const FIXTURE = resolve('test/fixtures/bfcl-run');

async function counts(...args: string[]): Promise<Record<string, number>> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', CLI, 'tags', ...args, '--by', 'model', '--json']);
  const table = JSON.parse(stdout) as { rows: Array<{ tag: string; total: number }> };
  return Object.fromEntries(table.rows.map((r) => [r.tag, r.total]));
}

test('tags reads the journal next to each results folder it is given, and counts them as one', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rl-tags-cli-'));
  try {
    const [a, b] = [join(dir, 'a'), join(dir, 'b')];
    await cp(FIXTURE, join(a, 'run-a'), { recursive: true });
    await cp(FIXTURE, join(b, 'run-b'), { recursive: true });
    const sample = { model: 'demo-model', split: 'simple_python', id: 'demo_simple_python_1' };
    await new TagJournal(journalOf(a), 'tester').add({ ...sample, run: 'run-a' }, 'value_error');
    await new TagJournal(journalOf(b), 'tester').add({ ...sample, run: 'run-b' }, 'type_error');

    assert.deepEqual(await counts(a, b), { value_error: 1, type_error: 1 });
    assert.deepEqual(await counts(a), { value_error: 1 });
    assert.deepEqual(await counts(a, b, '--journal', journalOf(b)), { type_error: 1 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
