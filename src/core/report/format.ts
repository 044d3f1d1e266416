import type { Drop, Interval, RunComparison } from '../../common/reportData.js';

/** A fraction as a percentage with one decimal: `0.8023` → `80.2`. */
export function pct(x: number): string {
  return (x * 100).toFixed(1);
}

/** `80.2 [76.1–84.0]`. */
export function withInterval(x: number, ci: Interval): string {
  return `${pct(x)} [${pct(ci[0])}–${pct(ci[1])}]`;
}

/** A drop in points with its interval: `−12.5 [−18.0–−7.1]` reads "12.5 points worse". */
export function dropText(drop: Drop | undefined | null): string {
  if (!drop) return '';
  const points = (x: number) => (-x * 100).toFixed(1).replace('-', '−');
  return `${points(drop.absolute)} [${points(drop.ci[1])}–${points(drop.ci[0])}]`;
}

/** A p-value the way a reviewer reads it: three significant digits, or `<0.001`. */
export function pValueText(p: number): string {
  return p < 0.001 ? '<0.001' : p.toPrecision(3).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

/** A comparison's components as table rows: flips each way, McNemar p, both gaps and the gap closure. */
export function componentComparisonRows(c: RunComparison): string[][] {
  const gap = (x: number | null) => (x === null ? '–' : pct(x));
  return c.components.map((x) => [x.component, String(x.passToFail), String(x.failToPass), pValueText(x.pValue), gap(x.gapA), gap(x.gapB), x.gapClosure === null ? '–' : `${pct(x.gapClosure)}%`]);
}
