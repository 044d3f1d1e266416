import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_CATEGORIES, mergeTaxonomy, taxonomyFile } from './taxonomy.js';

test('built-in categories have unique ids and keys 1–9 on the first nine', () => {
  assert.equal(new Set(BUILTIN_CATEGORIES.map((c) => c.id)).size, BUILTIN_CATEGORIES.length);
  assert.deepEqual(BUILTIN_CATEGORIES.slice(0, 9).map((c) => c.key), ['1', '2', '3', '4', '5', '6', '7', '8', '9']);
  assert.ok(BUILTIN_CATEGORIES.slice(9).every((c) => c.key === undefined));
});

test('a workspace category is added, can replace a built-in, and takes over its key', () => {
  const custom = taxonomyFile.parse({
    categories: [
      { id: 'unit_confusion', label: 'Confused units', key: '2' },
      { id: 'type_error', label: 'Wrong JSON type', description: 'ours' },
    ],
  }).categories;
  const merged = mergeTaxonomy(custom);
  assert.equal(merged.find((c) => c.id === 'missing_required')?.key, undefined);
  assert.equal(merged.find((c) => c.id === 'unit_confusion')?.key, '2');
  assert.equal(merged.find((c) => c.id === 'type_error')?.label, 'Wrong JSON type');
  assert.equal(merged.length, BUILTIN_CATEGORIES.length + 1);
});

test('a bad workspace category id is rejected with the rule', () => {
  const r = taxonomyFile.safeParse({ categories: [{ id: 'Has Space', label: 'x' }] });
  assert.equal(r.success, false);
  assert.match(r.error?.issues[0]?.message ?? '', /lower-case/);
});
