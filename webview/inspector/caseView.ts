import * as monaco from 'monaco-editor/editor/editor.api.js';
import { followVsCodeTheme, readOnlyEditorOptions } from './editorOptions';

/** One read-only editor for a case shown once: a clean sample, or a BFCL question and its tools. */
export class CaseView {
  private readonly editor: monaco.editor.IStandaloneCodeEditor;

  constructor(container: HTMLElement) {
    this.editor = monaco.editor.create(container, readOnlyEditorOptions());
    followVsCodeTheme();
  }

  show(text: string): void {
    const old = this.editor.getModel();
    this.editor.setModel(monaco.editor.createModel(text, 'plaintext'));
    old?.dispose();
  }
}
