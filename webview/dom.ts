import { nameParts } from './nameBreaks';

/** Creates an element whose text is set with textContent: dataset and model text is never HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Appends a name as text with a <wbr> at each place it may break (see `nameParts`), so a narrow
 * column wraps it between words, never mid-word. Text nodes only: the name is data, never markup.
 */
export function appendName<T extends HTMLElement>(target: T, name: string): T {
  nameParts(name).forEach((part, i) => {
    if (i > 0) target.append(document.createElement('wbr'));
    target.append(part);
  });
  return target;
}
