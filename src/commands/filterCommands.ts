import * as vscode from 'vscode';
import type { EntryFilter } from '../core/index/index.js';
import type { ResultsTreeProvider } from '../views/resultsTree.js';
import type { TagService } from '../services/tagService.js';

type Toggle = 'failuresOnly' | 'flippedOnly' | 'flippedBetweenRuns';

const TOGGLES: Record<string, Toggle> = {
  'robustlens.filterFailuresOnly': 'failuresOnly',
  'robustlens.filterFlippedOnly': 'flippedOnly',
  'robustlens.filterFlippedBetweenRuns': 'flippedBetweenRuns',
};

/** The Results tree's filters: three toggles, a tag, a text search and "clear". */
export function registerFilterCommands(tree: ResultsTreeProvider, tags: TagService): vscode.Disposable[] {
  const toggles = Object.entries(TOGGLES).map(([command, key]) =>
    vscode.commands.registerCommand(command, (on?: boolean) => tree.setFilter({ [key]: on ?? !tree.currentFilter[key] } as Partial<EntryFilter>)),
  );
  return [
    ...toggles,
    vscode.commands.registerCommand('robustlens.searchResults', async (text?: string) => {
      const value = text ?? (await vscode.window.showInputBox({ prompt: 'Show samples whose id or prompt contains…', value: tree.currentFilter.text ?? '' }));
      if (value !== undefined) tree.setFilter({ text: value.trim() });
    }),
    vscode.commands.registerCommand('robustlens.filterByTag', async (tag?: string) => {
      const picked = tag ?? (await vscode.window.showQuickPick(tags.categories().map((c) => ({ label: c.label, description: c.id, id: c.id })), { placeHolder: 'Show samples tagged…' }))?.id;
      if (picked !== undefined) tree.setFilter({ tag: picked });
    }),
    vscode.commands.registerCommand('robustlens.clearFilters', () =>
      tree.setFilter({ failuresOnly: false, flippedOnly: false, flippedBetweenRuns: false, text: '', tag: '', scope: undefined }),
    ),
  ];
}
