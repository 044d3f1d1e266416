import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorMessage } from './errorMessage.js';

test('an Error gives its message, anything else its text', () => {
  assert.equal(errorMessage(new RangeError('out of range')), 'out of range');
  assert.equal(errorMessage('plain text'), 'plain text');
  assert.equal(errorMessage(42), '42');
  assert.equal(errorMessage(undefined), 'undefined');
});
