import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TagStore } from './tagStore.js';

test('a reload running beside appends never drops a tag that is on disk', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rl-tagstore-'));
  try {
    const store = new TagStore(join(dir, '.robustlens', 'tags.jsonl'), 'tester');
    await store.load(() => undefined);
    const target = { run: 'r', model: 'm', split: 'clean', id: 'a' };
    // A file watcher reloads after every write; here each add races a reload.
    for (let i = 0; i < 40; i++) await Promise.all([store.add(target, `tag_${i}`), store.load(() => undefined)]);
    const shown = [...store.tagsOf(target)].sort();
    const fresh = new TagStore(store.file, 'reader');
    await fresh.load(() => undefined);
    assert.deepEqual(shown, [...fresh.tagsOf(target)].sort(), 'what this store shows is what a fresh read of the journal holds');
    assert.equal(shown.length, 40);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
