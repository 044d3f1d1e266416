import { safeText } from '../common/safeText.js';

/**
 * Renders rows as an aligned plain-text table; numbers align right. Headers and cells may come
 * from data (model names, split names, ids), so every one is escaped.
 */
export function renderTable(headers: string[], rows: Array<Array<string | number>>): string {
  const head = headers.map(safeText);
  const cells = rows.map((r) => r.map((c) => safeText(String(c))));
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number' || /^-?[\d.]+%?$/.test(String(r[i]))));
  const fmt = (r: string[]) =>
    r.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(fmt)].join('\n');
}

export function percent(x: number): string {
  return `${(x * 100).toFixed(2)}%`;
}
