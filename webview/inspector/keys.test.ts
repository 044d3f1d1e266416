import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { InspectorModel, TaggingView } from '../../src/protocol';
import { keyAction, type KeyPress } from './keys';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, altKey: false, ...mods });

function failure(tagging: Partial<TaggingView> = {}, suggestion: string | null = 'wrong_tool'): InspectorModel {
  return {
    key: 'k',
    verdict: 'fail',
    ...(suggestion ? { suggestion } : {}),
    tagging: {
      tags: [],
      note: '',
      journal: '.robustlens/tags.jsonl',
      writable: true,
      categories: [
        { id: 'wrong_tool', label: 'Wrong tool', description: '', key: '1' },
        { id: 'wrong_args', label: 'Wrong arguments', description: '', key: '2' },
        { id: 'unkeyed', label: 'No key', description: '' },
      ],
      ...tagging,
    },
  } as InspectorModel;
}

test('a number key adds its category, and removes it when the sample has it', () => {
  assert.deepEqual(keyAction(press('2'), failure()), { kind: 'tag', op: 'add', tag: 'wrong_args' });
  assert.deepEqual(keyAction(press('2'), failure({ tags: ['wrong_args'] })), { kind: 'tag', op: 'remove', tag: 'wrong_args' });
  assert.equal(keyAction(press('3'), failure()), undefined, 'no category has key 3');
});

test('Enter confirms the suggestion once; after that it does nothing', () => {
  assert.deepEqual(keyAction(press('Enter'), failure()), { kind: 'tag', op: 'add', tag: 'wrong_tool' });
  assert.equal(keyAction(press('Enter'), failure({ tags: ['wrong_tool'] })), undefined);
  assert.equal(keyAction(press('Enter'), failure({}, null)), undefined);
});

test('where tags cannot be written (untrusted workspace), tag keys do nothing but navigation works', () => {
  const readOnly = failure({ writable: false });
  assert.equal(keyAction(press('1'), readOnly), undefined);
  assert.equal(keyAction(press('Enter'), readOnly), undefined);
  assert.deepEqual(keyAction(press('n'), readOnly), { kind: 'navigate', target: 'nextFailure' });
});

test('navigation and other keys, before any sample is shown too', () => {
  const expected: Record<string, unknown> = {
    n: { kind: 'navigate', target: 'nextFailure' },
    p: { kind: 'navigate', target: 'previousFailure' },
    N: { kind: 'navigate', target: 'nextFlipped' },
    P: { kind: 'navigate', target: 'previousFlipped' },
    u: { kind: 'navigate', target: 'nextUntagged' },
    o: { kind: 'openSource' },
    t: { kind: 'focusFreeTag' },
    x: undefined,
  };
  for (const [key, action] of Object.entries(expected)) assert.deepEqual(keyAction(press(key), undefined), action, key);
});

test('keys with Ctrl, Cmd or Alt are left to VS Code', () => {
  for (const mods of [{ ctrlKey: true }, { metaKey: true }, { altKey: true }]) {
    assert.equal(keyAction(press('n', mods), failure()), undefined);
    assert.equal(keyAction(press('1', mods), failure()), undefined);
  }
});
