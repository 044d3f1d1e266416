import * as Plot from '@observablehq/plot';
import type { RunComparison, RunReport, SampleScope } from '../../src/common/reportData';

/** Called when a figure of a chart or a table is activated; absent where there is nothing to open (the HTML report). */
export type SelectHandler = (scope: SampleScope) => void;

export interface ChartRow {
  key: string;
  label: string;
  value: number;
  lo: number;
  hi: number;
  level: 'component' | 'type' | 'clean';
  scope: SampleScope;
  title: string;
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * Makes each element a mark draws a link to its samples: focusable, announced as a link with its
 * title, opened by click, Enter or Space. The elements are in the order of the mark's index.
 */
export function linked<T extends { scope: SampleScope; title: string }>(rows: readonly T[], onSelect: SelectHandler | undefined): Plot.RenderFunction {
  return (index, scales, values, dimensions, context, next) => {
    const g = next!(index, scales, values, dimensions, context);
    if (!g || !onSelect) return g;
    const shapes = [...g.children] as SVGElement[];
    shapes.forEach((shape, i) => {
      const row = rows[index[i]!];
      if (!row) return;
      shape.setAttribute('tabindex', '0');
      shape.setAttribute('role', 'link');
      shape.setAttribute('aria-label', `${row.title}. Show these samples.`);
      shape.classList.add('chart-link');
      shape.addEventListener('click', () => onSelect(row.scope));
      shape.addEventListener('keydown', (e) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault();
        onSelect(row.scope);
      });
    });
    return g;
  };
}

/** The rows of a run's profile: each component (its macro accuracy), then its types under it. */
export function profileRows(run: RunReport): ChartRow[] {
  const who = { runs: [{ run: run.run, model: run.model }] };
  const rows: ChartRow[] = [];
  for (const c of run.components) {
    rows.push({
      key: c.component,
      label: `${c.component} (mean)`,
      value: c.macro,
      lo: c.macroCi[0],
      hi: c.macroCi[1],
      level: 'component',
      scope: { ...who, component: c.component, label: `${run.model} · ${run.run} · ${c.component}` },
      title: `${c.component}: ${percent(c.macro)} (mean of ${c.types.length} types; 95% interval ${percent(c.macroCi[0])}–${percent(c.macroCi[1])}); ${c.total} cases`,
    });
    for (const type of c.types) {
      const s = run.splits.find((x) => x.split === type)!;
      rows.push({
        key: `${c.component}/${type}`,
        label: type,
        value: s.accuracy,
        lo: s.ci[0],
        hi: s.ci[1],
        level: 'type',
        scope: { ...who, split: type, label: `${run.model} · ${run.run} · ${type}` },
        title: `${type}: ${percent(s.accuracy)} (${s.correct}/${s.total}; 95% interval ${percent(s.ci[0])}–${percent(s.ci[1])})`,
      });
    }
  }
  return rows;
}

/**
 * The profile of one run: a bar per component (macro accuracy) with its interval, the types
 * under each, and the clean accuracy as a dashed line.
 */
export function profileChart(run: RunReport, onSelect: SelectHandler | undefined, width: number): SVGSVGElement | HTMLElement {
  const rows = profileRows(run);
  const clean = run.splits.find((s) => s.component === 'clean');
  const cleanRows = clean
    ? [{ value: clean.accuracy, scope: { runs: [{ run: run.run, model: run.model }], split: 'clean', label: `${run.model} · ${run.run} · clean` }, title: `clean: ${percent(clean.accuracy)} (${clean.correct}/${clean.total})` }]
    : [];
  const bars = (level: ChartRow['level']) => rows.filter((r) => r.level === level);
  const bar = (level: ChartRow['level']) =>
    Plot.barX(bars(level), { y: 'key', x: 'value', title: 'title', ariaLabel: 'title', className: `bar-${level}`, render: linked(bars(level), onSelect) });
  return Plot.plot({
    width,
    height: 28 + rows.length * 22,
    marginLeft: 230,
    marginRight: 24,
    className: 'chart',
    ariaLabel: `Accuracy per component and type of ${run.model} · ${run.run}`,
    x: { domain: [0, 1], grid: true, label: 'accuracy', tickFormat: '%' },
    y: { domain: rows.map((r) => r.key), tickFormat: (key: string) => rows.find((r) => r.key === key)!.label, label: null, padding: 0.2 },
    marks: [
      bar('component'),
      bar('type'),
      Plot.ruleY(rows, { y: 'key', x1: 'lo', x2: 'hi', className: 'interval', ariaHidden: 'true' }),
      Plot.ruleX(cleanRows, { x: 'value', className: 'clean-line', strokeDasharray: '5,3', strokeWidth: 2, title: 'title', render: linked(cleanRows, onSelect) }),
      Plot.text(cleanRows, { x: 'value', text: () => 'clean', frameAnchor: 'top', dy: -12, className: 'clean-label' }),
    ],
  });
}

export interface HeatCell {
  run: string;
  split: string;
  value: number;
  text: string;
  scope: SampleScope;
  title: string;
}

/** Accuracy (or change from clean) of several runs × every split, one cell per pair. */
export function heatmapCells(runs: readonly RunReport[], metric: 'accuracy' | 'drop'): HeatCell[] {
  return runs.flatMap((run) =>
    run.splits.flatMap((s): HeatCell[] => {
      const value = metric === 'accuracy' ? s.accuracy : s.drop ? -s.drop.absolute : undefined;
      if (value === undefined) return [];
      const text = metric === 'accuracy' ? (s.accuracy * 100).toFixed(0) : `${value >= 0 ? '+' : '−'}${Math.abs(value * 100).toFixed(0)}`;
      const label = `${run.model} · ${run.run}`;
      return [
        {
          run: label,
          split: s.split,
          value,
          text,
          scope: { runs: [{ run: run.run, model: run.model }], split: s.split, label: `${label} · ${s.split}` },
          title: `${label}, ${s.split}: ${percent(s.accuracy)} (${s.correct}/${s.total})${s.drop ? `, ${(s.drop.absolute * -100).toFixed(1)} points vs clean` : ''}`,
        },
      ];
    }),
  );
}

/** A model × type heatmap of accuracy or of the change from clean (in points). */
export function heatmapChart(runs: readonly RunReport[], metric: 'accuracy' | 'drop', onSelect: SelectHandler | undefined, width: number): SVGSVGElement | HTMLElement {
  const cells = heatmapCells(runs, metric);
  const splits = [...new Set(runs.flatMap((r) => r.splits.map((s) => s.split)))];
  const rowsOf = [...new Set(cells.map((c) => c.run))];
  return Plot.plot({
    // A cell stays wide enough for its figure; a narrow panel scrolls the heatmap sideways.
    width: Math.max(width, 210 + splits.length * 38),
    height: 30 + 110 + rowsOf.length * 32,
    marginTop: 30,
    marginLeft: 200,
    marginBottom: 110,
    className: 'chart',
    ariaLabel: metric === 'accuracy' ? 'Accuracy per run and type' : 'Change from clean per run and type',
    x: { domain: splits, tickRotate: -40, label: null },
    y: { domain: rowsOf, label: null },
    color: metric === 'accuracy' ? { type: 'linear', domain: [0, 1], scheme: 'RdYlGn' } : { type: 'linear', domain: [-0.5, 0.5], scheme: 'RdYlGn', clamp: true },
    marks: [
      Plot.cell(cells, { x: 'split', y: 'run', fill: 'value', inset: 1, title: 'title', ariaLabel: 'title', render: linked(cells, onSelect) }),
      Plot.text(cells, { x: 'split', y: 'run', text: 'text', className: 'cell-label', ariaHidden: 'true' }),
    ],
  });
}

export interface FlipBar {
  split: string;
  value: number;
  count: number;
  direction: 'passToFail' | 'failToPass';
  scope: SampleScope;
  title: string;
}

/** The flips of a comparison as bars: pass → fail to the left, fail → pass to the right. */
export function flipBars(c: RunComparison): FlipBar[] {
  const runs = [
    { run: c.runA, model: c.modelA },
    { run: c.runB, model: c.modelB },
  ];
  return c.splits.flatMap((s) =>
    (['passToFail', 'failToPass'] as const).map((direction) => {
      const ids = s[direction];
      const words = direction === 'passToFail' ? 'pass → fail' : 'fail → pass';
      return {
        split: s.split,
        value: direction === 'passToFail' ? -ids.length : ids.length,
        count: ids.length,
        direction,
        scope: { runs, split: s.split, ids, label: `${s.split}: ${words} from ${c.runA} to ${c.runB}` },
        title: `${s.split}: ${ids.length} ${words} (McNemar p = ${s.pValue.toPrecision(3)})`,
      };
    }),
  );
}

export function comparisonChart(c: RunComparison, onSelect: SelectHandler | undefined, width: number): SVGSVGElement | HTMLElement {
  const bars = flipBars(c).filter((b) => b.count > 0);
  const splits = c.splits.map((s) => s.split);
  const max = Math.max(1, ...bars.map((b) => b.count));
  const side = (direction: FlipBar['direction']) => bars.filter((b) => b.direction === direction);
  const mark = (direction: FlipBar['direction']) =>
    Plot.barX(side(direction), { y: 'split', x: 'value', title: 'title', ariaLabel: 'title', className: `bar-${direction}`, render: linked(side(direction), onSelect) });
  return Plot.plot({
    width,
    height: 40 + splits.length * 22,
    marginLeft: 200,
    className: 'chart',
    ariaLabel: `Flips between ${c.runA} and ${c.runB} per split`,
    // Counts are whole: ticks only where a whole number is.
    x: { domain: [-max, max], label: '← pass → fail · fail → pass →', ticks: Math.min(2 * max, 10), tickFormat: (x: number) => (Number.isInteger(x) ? String(Math.abs(x)) : ''), grid: true },
    y: { domain: splits, label: null, padding: 0.2 },
    marks: [mark('passToFail'), mark('failToPass'), Plot.ruleX([0], { className: 'axis-zero' })],
  });
}
