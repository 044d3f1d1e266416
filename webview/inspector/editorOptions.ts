import * as monaco from 'monaco-editor/editor/editor.api.js';

/** What every read-only editor of the inspector shares: wrapped text, no minimap, the theme VS Code has. */
export function readOnlyEditorOptions(): monaco.editor.IEditorOptions & monaco.editor.IGlobalEditorOptions {
  return {
    readOnly: true,
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    wordWrap: 'on',
    fontSize: 12,
    theme: themeOf(document.body),
  };
}

let following = false;

/** VS Code sets the theme kind as a class on <body>; Monaco's theme is global, so one observer follows it for every editor. */
export function followVsCodeTheme(): void {
  if (following) return;
  following = true;
  new MutationObserver(() => monaco.editor.setTheme(themeOf(document.body))).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}

function themeOf(body: HTMLElement): string {
  if (body.classList.contains('vscode-high-contrast-light')) return 'hc-light';
  if (body.classList.contains('vscode-high-contrast')) return 'hc-black';
  return body.classList.contains('vscode-light') ? 'vs' : 'vs-dark';
}
