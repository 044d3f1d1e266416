import * as vscode from 'vscode';
import { errorMessage } from '../common/errorMessage.js';
import type { Envelope } from '../protocol.js';
import { webviewHtml } from './webviewHtml.js';

/** The bundle a panel loads from `dist/webview`. */
export interface PanelPage {
  script: string;
  style: string;
  title: string;
}

/** What connectPanel needs of an endpoint: feed it messages, reset it when the document goes. */
interface PanelEndpoint {
  receive(message: unknown): Promise<void>;
  reset(reason: string): void;
}

/** Scripts on, nothing kept while hidden, resources only from the extension's webview bundles. */
export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, retainContextWhenHidden: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
}

/**
 * Loads a page into a panel and wires an endpoint to it: incoming messages go to the endpoint,
 * posts that fail are logged, and the endpoint is reset when the panel is hidden, since the
 * webview's document is destroyed then and the next showing starts with a new `ready`.
 */
export function connectPanel<E extends PanelEndpoint>(
  panel: vscode.WebviewPanel,
  extensionUri: vscode.Uri,
  page: PanelPage,
  makeEndpoint: (post: (envelope: Envelope) => void) => E,
  log: vscode.LogOutputChannel,
): { endpoint: E; disposables: vscode.Disposable[] } {
  const webview = panel.webview;
  const asUri = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', file)).toString();
  webview.html = webviewHtml({ cspSource: webview.cspSource, scriptUri: asUri(page.script), styleUris: [asUri(page.style)], title: page.title });
  const endpoint = makeEndpoint((e) => {
    webview.postMessage(e).then(undefined, (err: unknown) => log.warn(`${page.title} did not take a message: ${errorMessage(err)}`));
  });
  const disposables = [
    webview.onDidReceiveMessage((m: unknown) => endpoint.receive(m).catch((err: unknown) => log.error(`${page.title}: a message failed: ${errorMessage(err)}`))),
    panel.onDidChangeViewState(() => {
      if (!panel.visible) endpoint.reset(`${page.title} was hidden`);
    }),
  ];
  return { endpoint, disposables };
}
