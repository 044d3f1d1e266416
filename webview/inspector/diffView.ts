import * as monaco from 'monaco-editor/editor/editor.api.js';
import type { TextDiff } from '../../src/protocol';
import { followVsCodeTheme, readOnlyEditorOptions } from './editorOptions';

/** The Monaco diff editor of the clean vs the perturbed case (or run A vs run B). */
export class DiffView {
  private readonly editor: monaco.editor.IStandaloneDiffEditor;
  private models: monaco.editor.ITextModel[] = [];
  private revealPending = false;

  constructor(container: HTMLElement) {
    this.editor = monaco.editor.createDiffEditor(container, {
      ...readOnlyEditorOptions(),
      originalEditable: false,
      renderSideBySide: true,
      useInlineViewWhenSpaceIsLimited: false,
      diffWordWrap: 'on',
      renderOverviewRuler: false,
    });
    // A perturbation often changes a tool far down the list: bring the first change into view.
    this.editor.onDidUpdateDiff(() => {
      if (!this.revealPending) return;
      this.revealPending = false;
      const first = this.editor.getLineChanges()?.[0];
      // Scrolling the modified side scrolls both: the diff editor keeps them in step.
      if (first) this.editor.getModifiedEditor().revealLineNearTop(Math.max(1, first.modifiedStartLineNumber - 2));
    });
    followVsCodeTheme();
  }

  show(diff: TextDiff): void {
    const original = monaco.editor.createModel(diff.original.text, 'plaintext');
    const modified = monaco.editor.createModel(diff.modified.text, 'plaintext');
    this.revealPending = true;
    this.editor.setModel({ original, modified });
    for (const m of this.models) m.dispose();
    this.models = [original, modified];
  }
}
