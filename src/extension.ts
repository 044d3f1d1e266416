import * as vscode from 'vscode';
import { registerDashboardCommands } from './commands/dashboardCommands.js';
import { registerFilterCommands } from './commands/filterCommands.js';
import { registerInspectorCommands } from './commands/inspectorCommands.js';
import { registerModelCommands } from './commands/modelCommands.js';
import { registerResultsFolderCommands } from './commands/resultsFolderCommands.js';
import { BfclQuestionFiles } from './services/bfclQuestionFiles.js';
import { ModelService } from './services/modelService.js';
import { QuickRunService } from './services/quickRunService.js';
import { ReportService } from './services/reportService.js';
import { ResultsService } from './services/resultsService.js';
import { Settings } from './services/settings.js';
import { TagService } from './services/tagService.js';
import { DashboardPanel } from './views/dashboardPanel.js';
import { EndpointStatus } from './views/endpointStatus.js';
import { INSPECTOR_VIEW_TYPE, InspectorPanel, type InspectorState } from './views/inspectorPanel.js';
import { RecordCodeLensProvider } from './views/recordCodeLens.js';
import { ResultsTreeProvider } from './views/resultsTree.js';
import { TagsTreeProvider } from './views/tagsTree.js';

/** What activation hands back: the live services, for extension-host tests and other extensions. */
export interface RobustLensApi {
  settings: Settings;
  results: ResultsService;
  tree: ResultsTreeProvider;
  tags: TagService;
  tagsTree: TagsTreeProvider;
  models: ModelService;
  quickRun: QuickRunService;
  reports: ReportService;
  inspector(): InspectorPanel | undefined;
  dashboard(): DashboardPanel | undefined;
}

/**
 * The composition root: builds the services, then the views and commands over them. Indexing
 * starts in the background so activation itself stays cheap.
 */
export function activate(context: vscode.ExtensionContext): RobustLensApi {
  const log = vscode.window.createOutputChannel('RobustLens', { log: true });
  const settings = new Settings(log);
  const results = new ResultsService(settings, log);
  const tags = new TagService(results, settings, log);
  const models = new ModelService(settings, context.secrets, log);
  const questions = new BfclQuestionFiles(settings);
  const quickRun = new QuickRunService(results, models, questions, settings, log);
  const reports = new ReportService(results, tags, vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview').fsPath);
  const tree = new ResultsTreeProvider(results);
  const resultsView = vscode.window.createTreeView('robustlens.results', { treeDataProvider: tree, showCollapseAll: true });
  tree.attach(resultsView);
  const tagsTree = new TagsTreeProvider(tags);
  const status = new EndpointStatus(models, settings);
  const services = { results, tags, quickRun, questions, log };
  context.subscriptions.push(
    log,
    settings,
    results,
    tags,
    models,
    quickRun,
    reports,
    tree,
    resultsView,
    tagsTree,
    status,
    tags.onDidChange(() => tree.refresh()),
    vscode.languages.registerCodeLensProvider({ pattern: '**/*.jsonl' }, new RecordCodeLensProvider(results)),
    vscode.window.createTreeView('robustlens.tags', { treeDataProvider: tagsTree }),
    vscode.window.registerWebviewPanelSerializer(INSPECTOR_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state: InspectorState | undefined) => InspectorPanel.revive(panel, context.extensionUri, services, state),
    }),
    vscode.commands.registerCommand('robustlens.showLog', () => log.show()),
    ...registerFilterCommands(tree, tags),
    ...registerInspectorCommands(context.extensionUri, services),
    ...registerDashboardCommands(context.extensionUri, reports, tree, log),
    ...registerModelCommands(models, settings, status),
    ...registerResultsFolderCommands(results, settings),
  );
  log.info(`RobustLens ${String(context.extension.packageJSON.version)} activated`);
  results.reloadInBackground();
  void status.check();
  tags.loadInBackground();
  return { settings, results, tree, tags, tagsTree, models, quickRun, reports, inspector: () => InspectorPanel.active, dashboard: () => DashboardPanel.active };
}

export function deactivate(): void {}
