import * as vscode from 'vscode';
import type { SampleScope } from '../common/reportData.js';
import { describeFilter, type EntryFilter, shortSampleLabel, type EntryNode, type GroupNode, type IndexEntry, type TreeNode } from '../core/index/index.js';
import type { ResultsService } from '../services/resultsService.js';

function percent(n: number, d: number): string {
  return d ? `${((100 * n) / d).toFixed(1)}%` : '–';
}

function groupDescription(node: GroupNode): string {
  const { total, pass, fail, unscored, cleanPass, cleanFail } = node.counts;
  if (unscored === total) return `${total} samples`;
  const unscoredText = unscored ? ` · ${unscored} unscored` : '';
  const perturbedPass = pass - cleanPass;
  const perturbedTotal = pass + fail - cleanPass - cleanFail;
  // A run of clean and perturbed cases: one mixed figure would say nothing, so each gets its own.
  if ((node.level === 'run' || node.level === 'model') && cleanPass + cleanFail > 0 && perturbedTotal > 0) {
    return `clean ${percent(cleanPass, cleanPass + cleanFail)} · perturbed ${percent(perturbedPass, perturbedTotal)}${fail ? ` · ${fail} failed` : ''}${unscoredText}`;
  }
  return `${percent(pass, pass + fail)} · ${pass}/${pass + fail}${fail ? ` · ${fail} failed` : ''}${unscoredText}`;
}

const GROUP_ICONS: Record<GroupNode['level'], string> = { run: 'beaker', model: 'hubot', component: 'symbol-namespace', split: 'symbol-event' };

/**
 * The Results tree: run → model → component → type → sample (RobustBench-TC) or
 * run → model → category → sample (BFCL), with counts and accuracy on every group.
 */
export class ResultsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private filter: EntryFilter = {};
  private roots: GroupNode[] = [];
  private readonly subscription: vscode.Disposable;
  private view: vscode.TreeView<TreeNode> | undefined;

  constructor(private readonly results: ResultsService) {
    this.subscription = results.onDidChange(() => this.refresh());
  }

  /** The tree view showing this tree: where a report's scope is named while it filters the tree. */
  attach(view: vscode.TreeView<TreeNode>): void {
    this.view = view;
  }

  get currentFilter(): EntryFilter {
    return { ...this.filter };
  }

  setFilter(change: Partial<EntryFilter>): void {
    this.filter = { ...this.filter, ...change };
    if (!this.filter.text) delete this.filter.text;
    if (!this.filter.tag) delete this.filter.tag;
    if (!this.filter.scope) delete this.filter.scope;
    void vscode.commands.executeCommand('setContext', 'robustlens.filter.failuresOnly', !!this.filter.failuresOnly);
    void vscode.commands.executeCommand('setContext', 'robustlens.filter.flippedOnly', !!this.filter.flippedOnly);
    void vscode.commands.executeCommand('setContext', 'robustlens.filter.flippedBetweenRuns', !!this.filter.flippedBetweenRuns);
    void vscode.commands.executeCommand('setContext', 'robustlens.filter.active', Object.values(this.filter).some(Boolean));
    this.refresh();
  }

  /**
   * Shows exactly the samples behind a figure of a report, and nothing else (other filters are
   * cleared, so the tree holds what the figure counted). Returns the samples, in tree order.
   */
  showScope(scope: SampleScope): IndexEntry[] {
    this.filter = {};
    this.setFilter({ scope });
    return this.results.index.entries().filter((e) => this.results.index.matches(e, { scope }));
  }

  refresh(): void {
    this.roots = this.results.index.tree(this.filter);
    if (this.view) {
      const scope = this.filter.scope;
      const shown = this.roots.reduce((n, r) => n + r.counts.total, 0);
      const active = describeFilter(this.filter);
      // The view's title line says what narrows the tree and how much matched, so a filtered tree never passes for the whole.
      this.view.description = active ? `${active} · ${shown} match${shown === 1 ? '' : 'es'}` : undefined;
      this.view.message = scope ? `Showing ${scope.label}: ${shown} sample${shown === 1 ? '' : 's'}. Clear filters to see all.` : undefined;
    }
    void vscode.commands.executeCommand('setContext', 'robustlens.hasResults', this.results.index.size > 0);
    this.changed.fire(undefined);
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!node) return this.roots;
    return node.kind === 'group' ? node.children : [];
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.kind === 'group' ? this.groupItem(node) : this.entryItem(node);
  }

  private groupItem(node: GroupNode): vscode.TreeItem {
    // Splits start folded, and so do eval sets (nothing scored): the results are what people open first.
    const folded = node.level === 'split' || node.counts.unscored === node.counts.total;
    const collapsed = folded ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded;
    const item = new vscode.TreeItem(node.label, collapsed);
    item.id = node.key;
    item.description = groupDescription(node);
    item.iconPath = new vscode.ThemeIcon(GROUP_ICONS[node.level]);
    item.contextValue = `group.${node.level}`;
    const { pass, fail, unscored, cleanPass, cleanFail } = node.counts;
    const split = cleanPass + cleanFail > 0 && pass + fail > cleanPass + cleanFail ? ` (clean ${cleanPass}/${cleanPass + cleanFail}, perturbed ${pass - cleanPass}/${pass + fail - cleanPass - cleanFail})` : '';
    item.tooltip = `${node.label}: ${pass} passed, ${fail} failed, ${unscored} unscored${split}`;
    return item;
  }

  private entryItem(node: EntryNode): vscode.TreeItem {
    const e = node.entry;
    const item = new vscode.TreeItem(shortSampleLabel(e.id), vscode.TreeItemCollapsibleState.None);
    item.id = node.key;
    const flips = [node.flippedFromClean ? 'flipped from clean' : '', node.flippedBetweenRuns ? 'differs between runs' : ''].filter(Boolean).join(', ');
    item.description = [e.verdict === 'fail' ? e.errorType ?? 'failed' : e.verdict === 'pass' ? 'passed' : '', flips].filter(Boolean).join(' · ');
    // A flip is what a robustness review looks for first, so it gets its own icon, not the plain failure's.
    const icon = node.flippedFromClean ? ['arrow-swap', 'testing.iconFailed'] : e.verdict === 'pass' ? ['pass', 'testing.iconPassed'] : e.verdict === 'fail' ? ['error', 'testing.iconFailed'] : ['circle-outline', 'disabledForeground'];
    item.iconPath = new vscode.ThemeIcon(icon[0]!, new vscode.ThemeColor(icon[1]!));
    // Search reads the prompt; a BFCL sample whose question file was not found has none, and says so.
    const prompt = e.prompt || (e.kind === 'bfcl-run' ? `(no question text: no BFCL question file for ${e.split} was found; text search sees only its id. Set robustlens.bfclDataFolders.)` : '');
    item.tooltip = new vscode.MarkdownString().appendText(`${e.id} (${e.split})\n${prompt}${e.explanation ? `\n\n${e.explanation}` : ''}`);
    item.contextValue = 'sample';
    item.command = { command: 'robustlens.openInspector', title: 'Open in Inspector', arguments: [node.key] };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
