import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import { readSetting, SETTING_KEYS, type SettingKey, type SettingValues } from './settingsSchema.js';

/**
 * The one reader of `robustlens.*`: every value is validated against the settings table, an
 * invalid one falls back to its default with a warning in the log (once per value), and a
 * change is announced with the keys it touched.
 */
export class Settings implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ReadonlySet<SettingKey>>();
  /** Fires with the settings that changed. */
  readonly onDidChange = this.changed.event;
  private readonly warned = new Set<string>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      const keys = new Set(SETTING_KEYS.filter((k) => e.affectsConfiguration(`robustlens.${k}`)));
      if (keys.size > 0) this.changed.fire(keys);
    });
  }

  get<K extends SettingKey>(key: K): SettingValues[K] {
    const { value, problem } = readSetting(key, vscode.workspace.getConfiguration('robustlens').get(key));
    if (problem && !this.warned.has(problem)) {
      this.warned.add(problem);
      this.log.warn(problem);
    }
    return value;
  }

  /** Writes a setting for the workspace when a folder is open, else for the user. */
  async update<K extends SettingKey>(key: K, value: SettingValues[K], scope: 'workspace' | 'user' = 'workspace'): Promise<void> {
    const target = scope === 'workspace' && this.workspaceFolder() ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await vscode.workspace.getConfiguration('robustlens').update(key, value, target);
  }

  /** The first workspace folder: where relative paths in settings, the journal and quick-runs live. */
  workspaceFolder(): string | undefined {
    return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  }

  /** A path from a setting: absolute as written, else relative to the first workspace folder. */
  resolvePath(path: string): string {
    const folder = this.workspaceFolder();
    return isAbsolute(path) || !folder ? path : join(folder, path);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
