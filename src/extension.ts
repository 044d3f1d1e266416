import * as vscode from 'vscode';

/** Activation stays cheap: views and services arrive with their own contributions. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('RobustLens', { log: true });
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand('robustlens.showLog', () => log.show()),
  );
  log.info(`RobustLens ${String(context.extension.packageJSON.version)} activated`);
}

export function deactivate(): void {}
