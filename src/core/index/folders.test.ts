import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { innermostFolderOf, isWithin } from './folders.js';

const ws = join('/', 'work', 'ws');

test('a path is within a folder when it is the folder or under it, not when it only shares a prefix', () => {
  assert.equal(isWithin(ws, ws), true);
  assert.equal(isWithin(join(ws, 'runs', 'a.jsonl'), ws), true);
  assert.equal(isWithin(`${ws}-other`, ws), false);
  assert.equal(isWithin(join('/', 'work'), ws), false);
});

test('the innermost folder holding a path wins, whatever the order of the folders', () => {
  const inner = join(ws, 'results');
  const file = join(inner, 'run', 'p.jsonl');
  assert.equal(innermostFolderOf(file, [ws, inner]), inner);
  assert.equal(innermostFolderOf(file, [inner, ws]), inner);
  assert.equal(innermostFolderOf(join(ws, 'x.jsonl'), [inner, ws]), ws);
  assert.equal(innermostFolderOf(join('/', 'elsewhere', 'x.jsonl'), [inner, ws]), undefined);
});
