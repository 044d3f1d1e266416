import { randomBytes } from 'node:crypto';

export interface WebviewHtmlInput {
  /** The webview's `cspSource`. */
  cspSource: string;
  /** URIs (already passed through `asWebviewUri`). */
  scriptUri: string;
  styleUris: string[];
  title: string;
  /** A fresh nonce per page; tests pass their own. */
  nonce?: string;
}

export function makeNonce(): string {
  return randomBytes(18).toString('base64');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The page of a webview. Nothing from a dataset or a model is ever put in it: the page only
 * loads our script, which renders such text with `textContent` and Monaco models.
 * - scripts only with this page's nonce, never `unsafe-eval`;
 * - styles from the extension, plus inline styles because Monaco sets element styles at run time;
 * - workers from blob: URLs (Monaco's worker is fetched from the extension and started from a Blob).
 */
export function webviewHtml(input: WebviewHtmlInput): string {
  const nonce = input.nonce ?? makeNonce();
  const src = input.cspSource;
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${src} 'unsafe-inline'`,
    `font-src ${src}`,
    `img-src ${src} data:`,
    `connect-src ${src}`,
    'worker-src blob:',
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
  const styles = input.styleUris.map((u) => `<link rel="stylesheet" href="${escapeAttribute(u)}">`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${escapeAttribute(input.title)}</title>
  </head>
  <body>
    <div id="root"></div>
    <script nonce="${nonce}" src="${escapeAttribute(input.scriptUri)}"></script>
  </body>
</html>
`;
}
