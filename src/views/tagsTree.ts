import * as vscode from 'vscode';
import { entryKey, type IndexEntry } from '../core/index/index.js';
import type { TagService } from '../services/tagService.js';

type Node = { kind: 'category'; tag: string; label: string; entries: IndexEntry[] } | { kind: 'sample'; entry: IndexEntry; tag: string };

/** The Tags tree: category (or free tag) → tagged samples, with counts. */
export class TagsTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly tags: TagService) {
    this.subscriptions = [tags.onDidChange(() => this.changed.fire())];
  }

  getChildren(node?: Node): Node[] {
    if (node?.kind === 'category') return node.entries.map((entry) => ({ kind: 'sample', entry, tag: node.tag }));
    if (node) return [];
    const byTag = new Map<string, IndexEntry[]>();
    for (const { entry, tags } of this.tags.taggedEntries()) for (const t of tags) byTag.set(t, [...(byTag.get(t) ?? []), entry]);
    const labels = new Map(this.tags.categories().map((c) => [c.id, c.label]));
    return [...byTag.entries()]
      .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
      .map(([tag, entries]) => ({ kind: 'category', tag, label: labels.get(tag) ?? tag, entries }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'category') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `tag:${node.tag}`;
      item.description = `${node.entries.length}`;
      item.tooltip = `${node.tag}: ${node.entries.length} samples`;
      item.iconPath = new vscode.ThemeIcon('tag');
      item.contextValue = 'tag';
      return item;
    }
    const e = node.entry;
    const item = new vscode.TreeItem(e.id, vscode.TreeItemCollapsibleState.None);
    item.id = `tag:${node.tag}:${entryKey(e)}`;
    item.description = `${e.split} · ${e.model} · ${e.run}`;
    item.iconPath = new vscode.ThemeIcon(e.verdict === 'fail' ? 'error' : 'pass');
    item.command = { command: 'robustlens.openInspector', title: 'Open in Inspector', arguments: [entryKey(e)] };
    return item;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
