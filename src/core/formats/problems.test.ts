import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldedMessage, foldProblems, type Problem } from './problems.js';

const bad = (file: string, line: number, kind?: string, message = `line ${line} is bad`): Problem => ({ file, line, severity: 'error', message, ...(kind ? { kind } : {}) });

test('problems: one kind in one file folds into its first, with a count and the other lines', () => {
  const folded = foldProblems([bad('a.jsonl', 3, 'invalid-json'), bad('a.jsonl', 9, 'invalid-json'), bad('b.jsonl', 4, 'invalid-json'), bad('a.jsonl', 12, 'invalid-json'), { ...bad('a.jsonl', 20, 'invalid-json'), severity: 'warning' }]);
  assert.deepEqual(folded.map((p) => [p.file, p.line, p.severity, p.count, p.moreLines]), [
    ['a.jsonl', 3, 'error', 3, [9, 12]],
    ['b.jsonl', 4, 'error', 1, []],
    ['a.jsonl', 20, 'warning', 1, []],
  ]);
  assert.equal(foldedMessage(folded[0]!), 'line 3 is bad (and 2 more like it on lines 9, 12)');
  assert.equal(foldedMessage(folded[1]!), 'line 4 is bad');
});

test('problems: without a kind only the same message folds; long runs of lines are cut short', () => {
  assert.equal(foldProblems([bad('a', 1), bad('a', 2), bad('a', 3, undefined, 'line 1 is bad')]).length, 2);
  const many = foldProblems(Array.from({ length: 1000 }, (_, i) => bad('a', i + 1, 'inexact-integer')));
  assert.equal(many.length, 1);
  assert.equal(foldedMessage(many[0]!), 'line 1 is bad (and 999 more like it on lines 2, 3, 4, 5, 6, …)');
  assert.equal(foldedMessage(foldProblems([bad('a', 1, 'k'), bad('a', 7, 'k')])[0]!), 'line 1 is bad (and 1 more like it on line 7)');
});
