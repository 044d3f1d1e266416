import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { errorMessage, withPath } from './errorMessage.js';

test('an Error gives its message, anything else its text', () => {
  assert.equal(errorMessage(new RangeError('out of range')), 'out of range');
  assert.equal(errorMessage('plain text'), 'plain text');
  assert.equal(errorMessage(42), '42');
  assert.equal(errorMessage(undefined), 'undefined');
});

test('an OS error names its path; other errors and messages that name it already are kept', async () => {
  const folder = process.cwd();
  const eisdir = await readFile(folder).catch((e: unknown) => e);
  const named = withPath(eisdir, folder) as NodeJS.ErrnoException;
  assert.equal(errorMessage(named), `${folder}: EISDIR: illegal operation on a directory, read`);
  assert.equal(named.code, 'EISDIR');
  const enoent = await readFile('no-such-file').catch((e: unknown) => e);
  assert.equal(withPath(enoent, 'no-such-file'), enoent, "ENOENT's message names the path already");
  const plain = new Error('not an OS error');
  assert.equal(withPath(plain, 'x'), plain);
});
