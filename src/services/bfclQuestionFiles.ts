import { BfclQuestionText } from '../core/index/index.js';
import type { Settings } from './settings.js';

/**
 * BFCL's question files, looked for in `robustlens.bfclDataFolders` and near each run: one
 * finder, with its cache, for as long as that setting stays the same.
 */
export class BfclQuestionFiles {
  private current: { folders: string[]; text: BfclQuestionText } | undefined;

  constructor(private readonly settings: Settings) {}

  finder(): BfclQuestionText {
    const folders = this.settings.get('bfclDataFolders').map((p) => this.settings.resolvePath(p));
    if (this.current?.folders.join('\0') !== folders.join('\0')) this.current = { folders, text: new BfclQuestionText(folders) };
    return this.current.text;
  }
}
