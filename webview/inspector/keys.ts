import type { InspectorModel, NavigationTarget } from '../../src/protocol';

/** The parts of a key press the inspector looks at (a KeyboardEvent has them all). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** What a key does in the inspector. */
export type KeyAction =
  | { kind: 'tag'; op: 'add' | 'remove'; tag: string }
  | { kind: 'focusFreeTag' }
  | { kind: 'navigate'; target: NavigationTarget }
  | { kind: 'openSource' };

/** The navigation keys, also named in the toolbar buttons' hints. */
export const NAVIGATION_KEYS: Readonly<Record<string, NavigationTarget>> = { n: 'nextFailure', p: 'previousFailure', N: 'nextFlipped', P: 'previousFlipped', u: 'nextUntagged' };

/**
 * The inspector's keyboard triage, as a pure function so it is tested without a browser:
 * `1`–`9` toggle the category with that key and Enter confirms the suggestion (only where tags
 * can be written), `t` goes to the free tag field, `n`/`p`/`N`/`P`/`u` navigate, `o` opens the
 * record. Keys with Ctrl, Cmd or Alt belong to VS Code.
 */
export function keyAction(press: KeyPress, shown: InspectorModel | undefined): KeyAction | undefined {
  if (press.ctrlKey || press.metaKey || press.altKey) return undefined;
  const tag = tagKeyAction(press.key, shown);
  if (tag) return { kind: 'tag', ...tag };
  if (press.key === 't') return { kind: 'focusFreeTag' };
  const target = NAVIGATION_KEYS[press.key];
  if (target) return { kind: 'navigate', target };
  if (press.key === 'o') return { kind: 'openSource' };
  return undefined;
}

function tagKeyAction(key: string, m: InspectorModel | undefined): { op: 'add' | 'remove'; tag: string } | undefined {
  const t = m?.tagging;
  if (!m || !t?.writable) return undefined;
  if (key === 'Enter' && m.suggestion && !t.tags.includes(m.suggestion)) return { op: 'add', tag: m.suggestion };
  const c = t.categories.find((x) => x.key === key);
  if (!c) return undefined;
  return { op: t.tags.includes(c.id) ? 'remove' : 'add', tag: c.id };
}
