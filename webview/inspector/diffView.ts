import * as monaco from 'monaco-editor/editor/editor.api.js';
import type { InspectorModel } from '../../src/protocol';

/** The Monaco diff editor of the clean vs the perturbed case (or run A vs run B). */
export class DiffView {
  private readonly editor: monaco.editor.IStandaloneDiffEditor;
  private models: monaco.editor.ITextModel[] = [];
  private revealPending = false;

  constructor(container: HTMLElement) {
    this.editor = monaco.editor.createDiffEditor(container, {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: true,
      useInlineViewWhenSpaceIsLimited: false,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      wordWrap: 'on',
      diffWordWrap: 'on',
      renderOverviewRuler: false,
      fontSize: 12,
      theme: themeOf(document.body),
    });
    // A perturbation often changes a tool far down the list: bring the first change into view.
    this.editor.onDidUpdateDiff(() => {
      if (!this.revealPending) return;
      this.revealPending = false;
      const first = this.editor.getLineChanges()?.[0];
      // Scrolling the modified side scrolls both: the diff editor keeps them in step.
      if (first) this.editor.getModifiedEditor().revealLineNearTop(Math.max(1, first.modifiedStartLineNumber - 2));
    });
    // VS Code sets the theme kind as a class on <body>; follow it when the user switches.
    new MutationObserver(() => monaco.editor.setTheme(themeOf(document.body))).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  }

  show(diff: InspectorModel['diff']): void {
    const original = monaco.editor.createModel(diff.original.text, 'plaintext');
    const modified = monaco.editor.createModel(diff.modified.text, 'plaintext');
    this.revealPending = true;
    this.editor.setModel({ original, modified });
    for (const m of this.models) m.dispose();
    this.models = [original, modified];
  }
}

function themeOf(body: HTMLElement): string {
  if (body.classList.contains('vscode-high-contrast-light')) return 'hc-light';
  if (body.classList.contains('vscode-high-contrast')) return 'hc-black';
  return body.classList.contains('vscode-light') ? 'vs' : 'vs-dark';
}
