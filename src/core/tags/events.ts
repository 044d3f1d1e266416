import { z } from 'zod';

/** What a tag is attached to: one sample of one split, in one run of one model. */
export const tagTarget = z.object({
  run: z.string(),
  model: z.string(),
  split: z.string(),
  id: z.string().min(1),
});
export type TagTarget = z.infer<typeof tagTarget>;

/**
 * One line of the journal. Events are never rewritten: the current state is their fold.
 * `event` is a random id, so the same event read twice (after a merge, or a retried write)
 * counts once.
 */
export const tagEvent = z.object({
  v: z.literal(1),
  event: z.string().min(8),
  who: z.string(),
  when: z.iso.datetime(),
  target: tagTarget,
  op: z.enum(['add', 'remove', 'note']),
  tag: z.string().min(1).optional(),
  note: z.string().optional(),
});
export type TagEvent = z.infer<typeof tagEvent>;

export function targetKey(t: TagTarget): string {
  return JSON.stringify([t.run, t.model, t.split, t.id]);
}

export interface TargetState {
  target: TagTarget;
  tags: Set<string>;
  note?: string;
}

/**
 * Folds events into the current tags per target. Order is (when, event id), not file order,
 * so two writers' files merged in any order give the same state.
 */
export function foldTagEvents(events: Iterable<TagEvent>): Map<string, TargetState> {
  const unique = new Map<string, TagEvent>();
  for (const e of events) if (!unique.has(e.event)) unique.set(e.event, e);
  const ordered = [...unique.values()].sort((a, b) => a.when.localeCompare(b.when) || a.event.localeCompare(b.event));
  const state = new Map<string, TargetState>();
  for (const e of ordered) {
    const key = targetKey(e.target);
    let s = state.get(key);
    if (!s) state.set(key, (s = { target: e.target, tags: new Set() }));
    if (e.op === 'add' && e.tag) s.tags.add(e.tag);
    else if (e.op === 'remove' && e.tag) s.tags.delete(e.tag);
    else if (e.op === 'note') s.note = e.note ?? '';
  }
  for (const [key, s] of state) if (s.tags.size === 0 && !s.note) state.delete(key);
  return state;
}
