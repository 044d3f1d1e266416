import * as vscode from 'vscode';
import { entryKey } from '../core/index/index.js';
import type { ResultsService } from '../services/resultsService.js';

/** "Quick-run…" above each record of a RobustBench-TC `.jsonl` file opened as text. */
export class RecordCodeLensProvider implements vscode.CodeLensProvider {
  constructor(private readonly results: ResultsService) {}

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const byLine = new Map(this.results.index.entries().filter((e) => e.record.file === document.uri.fsPath).map((e) => [e.record.line, e]));
    const lenses: vscode.CodeLens[] = [];
    for (const [line, entry] of byLine) {
      if (line - 1 >= document.lineCount) continue;
      const range = new vscode.Range(line - 1, 0, line - 1, 0);
      lenses.push(
        new vscode.CodeLens(range, { title: 'Quick-run…', command: 'robustlens.quickRun', arguments: [entryKey(entry)], tooltip: `Perturb ${entry.id} and run it against a local model now` }),
        new vscode.CodeLens(range, { title: `Inspect ${entry.split}${entry.verdict === 'unscored' ? '' : ` (${entry.verdict})`}`, command: 'robustlens.openInspector', arguments: [entryKey(entry)] }),
      );
    }
    return lenses;
  }
}
