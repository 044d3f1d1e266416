import '@vscode-elements/elements/dist/vscode-button/index.js';

/** A VS Code-styled button (secondary unless said otherwise) with a hint and an action. */
export function toolbarButton(label: string, hint: string, action: () => void, secondary = true): HTMLElement {
  const b = document.createElement('vscode-button');
  if (secondary) b.setAttribute('secondary', '');
  b.textContent = label;
  b.title = hint;
  b.addEventListener('click', action);
  return b;
}
