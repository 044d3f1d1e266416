import type { InspectorModel, TagCategoryView } from '../../src/protocol';
import { el } from '../dom';

export interface TaggingActions {
  add(tag: string): void;
  remove(tag: string): void;
  note(text: string): void;
}

function labelOf(categories: TagCategoryView[], id: string): string {
  return categories.find((c) => c.id === id)?.label ?? id;
}

/**
 * Tag controls: the sample's tags (each removable), the suggestion (Enter confirms), the
 * categories with their number keys, a free tag field and a note.
 */
export function renderTagging(target: HTMLElement, m: InspectorModel, actions: TaggingActions): void {
  target.replaceChildren();
  const t = m.tagging;
  if (!t) return;
  const bar = el('div', 'tag-bar');
  const current = el('div', 'tag-current');
  current.setAttribute('aria-label', 'Tags of this sample');
  if (t.tags.length === 0) current.append(el('span', 'muted', m.verdict === 'fail' ? 'untagged failure' : 'no tags'));
  for (const tag of t.tags) {
    const chip = el('button', 'chip', `${labelOf(t.categories, tag)} ×`);
    chip.title = `Remove the tag "${tag}"`;
    chip.dataset['tag'] = tag;
    chip.disabled = !t.writable;
    chip.addEventListener('click', () => actions.remove(tag));
    current.append(chip);
  }
  bar.append(current);
  if (m.suggestion && !t.tags.includes(m.suggestion)) {
    const s = el('button', 'chip chip-suggestion', `Suggested: ${labelOf(t.categories, m.suggestion)} (Enter)`);
    s.title = 'Confirm the suggested category (Enter)';
    s.dataset['suggestion'] = m.suggestion;
    s.disabled = !t.writable;
    s.addEventListener('click', () => actions.add(m.suggestion!));
    bar.append(s);
  }
  target.append(bar);

  const keys = el('div', 'tag-keys');
  keys.setAttribute('aria-label', 'Categories with a key');
  // Keyed categories stay in view; the rest fold away so the diff and the calls stay on screen.
  const more = el('details', 'tag-more');
  const moreKeys = el('div', 'tag-keys');
  more.append(el('summary', 'muted', 'more categories'), moreKeys);
  for (const c of t.categories) {
    const on = t.tags.includes(c.id);
    const b = el('button', `cat${on ? ' cat-on' : ''}`, c.key ? `${c.key} ${c.label}` : c.label);
    b.title = `${c.description}${c.key ? ` (key ${c.key})` : ''}`;
    b.setAttribute('aria-pressed', String(on));
    b.dataset['category'] = c.id;
    b.disabled = !t.writable;
    b.addEventListener('click', () => (on ? actions.remove(c.id) : actions.add(c.id)));
    (c.key ? keys : moreKeys).append(b);
  }
  if (moreKeys.childElementCount) keys.append(more);
  target.append(keys);

  const form = el('div', 'tag-form');
  const free = el('input', 'free-tag');
  free.placeholder = 'free tag, Enter to add (t)';
  free.setAttribute('aria-label', 'Free tag');
  free.disabled = !t.writable;
  free.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && free.value.trim()) {
      actions.add(free.value.trim());
      free.value = '';
    }
    e.stopPropagation();
  });
  const note = el('textarea', 'note-field');
  note.placeholder = 'note (Ctrl+Enter to save)';
  note.setAttribute('aria-label', 'Note');
  note.value = t.note;
  note.disabled = !t.writable;
  note.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) actions.note(note.value);
    e.stopPropagation();
  });
  note.addEventListener('change', () => note.value !== t.note && actions.note(note.value));
  form.append(free, note);
  target.append(form, el('div', 'muted journal', t.writable ? `tags are written to ${t.journal}` : 'read-only: tags need a trusted workspace with a folder open'));
}
