import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Report, RunComparison } from '../../common/reportData.js';
import { safeJson } from '../../common/safeText.js';

/** What the page needs besides the data: the report page's own script and style (built with the webviews). */
export interface ReportPageAssets {
  script: string;
  style: string;
}

/** The report page's script and style from the built webviews' folder (`dist/webview`). */
export async function readReportAssets(dir: string): Promise<ReportPageAssets> {
  const read = (file: string) =>
    readFile(join(dir, file), 'utf8').catch(() => {
      throw new Error(`${join(dir, file)} is missing: build the webviews first (npm run build)`);
    });
  return { script: await read('report.js'), style: await read('report.css') };
}

/** The data a report page renders: embedded as JSON, read back by the page's script. */
export interface ReportPageData {
  report: Report;
  comparisons: RunComparison[];
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Text that may not end the element it sits in: `</script` and `</style` become harmless. */
const inert = (text: string, tag: string) => text.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1');

/**
 * ONE self-contained HTML file: the data as JSON, the page's script and style inline, nothing
 * fetched. Its CSP allows only that script (by hash) and no network at all, so it can be opened
 * anywhere, mailed, or attached to a review. Without scripts it still shows the Markdown report.
 */
export function renderHtmlReport(data: ReportPageData, assets: ReportPageAssets, fallbackMarkdown: string): string {
  const script = inert(assets.script, 'script');
  const hash = createHash('sha256').update(script, 'utf8').digest('base64');
  const csp = ["default-src 'none'", `script-src 'sha256-${hash}'`, "style-src 'unsafe-inline'", 'img-src data:', "base-uri 'none'", "form-action 'none'"].join('; ');
  // `<` as \u003c keeps every string in the data from closing the element it is embedded in.
  const json = safeJson(data).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="RobustLens">
<title>RobustLens report</title>
<style>${inert(assets.style, 'style')}</style>
</head>
<body class="report-page">
<main id="root"></main>
<noscript><pre class="fallback">${escapeHtml(fallbackMarkdown)}</pre></noscript>
<script type="application/json" id="report-data">${json}</script>
<script>${script}</script>
</body>
</html>
`;
}
