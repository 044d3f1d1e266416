import * as vscode from 'vscode';
import { registerFilterCommands } from './commands/filterCommands.js';
import { registerInspectorCommands } from './commands/inspectorCommands.js';
import { registerModelCommands } from './commands/modelCommands.js';
import { registerResultsFolderCommands } from './commands/resultsFolderCommands.js';
import { EndpointStatus } from './views/endpointStatus.js';
import { QuickRunService } from './views/quickRunService.js';
import { RecordCodeLensProvider } from './views/recordCodeLens.js';
import { INSPECTOR_VIEW_TYPE, InspectorPanel, type InspectorState } from './views/inspectorPanel.js';
import { ResultsService } from './views/resultsService.js';
import { ResultsTreeProvider } from './views/resultsTree.js';
import { TagService } from './views/tagService.js';
import { TagsTreeProvider } from './views/tagsTree.js';

/**
 * Activation builds the services and registers views and commands; indexing starts in the
 * background so activation itself stays cheap.
 */
/** What activation hands back: the live services, for extension-host tests and other extensions. */
export interface RobustLensApi {
  results: ResultsService;
  tree: ResultsTreeProvider;
  tags: TagService;
  tagsTree: TagsTreeProvider;
  quickRun: QuickRunService;
  inspector(): InspectorPanel | undefined;
}

export function activate(context: vscode.ExtensionContext): RobustLensApi {
  const log = vscode.window.createOutputChannel('RobustLens', { log: true });
  const results = new ResultsService(log);
  const tree = new ResultsTreeProvider(results);
  const tags = new TagService(results, log);
  const tagsTree = new TagsTreeProvider(tags);
  const quickRun = new QuickRunService(results, context.secrets, log);
  const status = new EndpointStatus(quickRun);
  const services = { results, tags, quickRun, log };
  context.subscriptions.push(
    log,
    results,
    tree,
    tags,
    tagsTree,
    quickRun,
    status,
    tags.onDidChange(() => tree.refresh()),
    vscode.languages.registerCodeLensProvider({ pattern: '**/*.jsonl' }, new RecordCodeLensProvider(results)),
    vscode.window.createTreeView('robustlens.results', { treeDataProvider: tree, showCollapseAll: true }),
    vscode.window.createTreeView('robustlens.tags', { treeDataProvider: tagsTree }),
    vscode.window.registerWebviewPanelSerializer(INSPECTOR_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: InspectorState | undefined) => InspectorPanel.revive(panel, context.extensionUri, services, state),
    }),
    vscode.commands.registerCommand('robustlens.showLog', () => log.show()),
    ...registerFilterCommands(tree, tags),
    ...registerInspectorCommands(context.extensionUri, services),
    ...registerModelCommands(context.secrets, status),
    ...registerResultsFolderCommands(results),
  );
  log.info(`RobustLens ${String(context.extension.packageJSON.version)} activated`);
  void results.reload().catch((err: unknown) => log.error(`indexing failed: ${(err as Error).message}`));
  void status.check();
  void tags.load().catch((err: unknown) => log.error(`tags could not be read: ${(err as Error).message}`));
  return { results, tree, tags, tagsTree, quickRun, inspector: () => InspectorPanel.active };
}

export function deactivate(): void {}
