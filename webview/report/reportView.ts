import { type ComponentName, type Interval, protocolsText, type Report, type RunComparison, type RunReport, type SampleScope } from '../../src/common/reportData';
import { el } from '../dom';
import { comparisonChart, heatmapCells, heatmapChart, profileChart, profileRows, type SelectHandler } from './charts';


const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const interval = (ci: Interval) => `${pct(ci[0])}–${pct(ci[1])}`;
const points = (x: number) => `${x <= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}`;
const COMPONENTS: ComponentName[] = ['observation', 'action', 'reward', 'transition'];

/** A table cell that opens its samples when there is somewhere to open them, else plain text. */
function linkCell(text: string, scope: SampleScope | undefined, onSelect: SelectHandler | undefined, title?: string): HTMLTableCellElement {
  const td = el('td');
  if (scope && onSelect) {
    const a = el('button', 'link', text);
    a.type = 'button';
    a.title = title ?? `Show ${scope.label}`;
    a.addEventListener('click', () => onSelect(scope));
    td.append(a);
  } else {
    td.textContent = text;
    if (title) td.title = title;
  }
  return td;
}

/** A table whose first `textColumns` columns hold names and the rest figures (right-aligned). */
function table(caption: string, headers: string[], rows: HTMLTableCellElement[][], textColumns = 1): HTMLTableElement {
  const t = el('table', 'data');
  t.append(el('caption', undefined, caption));
  const head = el('tr');
  headers.forEach((h, i) => head.append(el('th', i < textColumns ? undefined : 'num', h)));
  t.append(el('thead'), el('tbody'));
  t.tHead!.append(head);
  for (const r of rows) {
    const tr = el('tr');
    r.forEach((cell, i) => i >= textColumns && cell.classList.add('num'));
    tr.append(...r);
    t.tBodies[0]!.append(tr);
  }
  return t;
}

const text = (s: string) => el('td', undefined, s);

/** A chart with its table as the text alternative, one shown at a time; the toggle is a real button. */
function chartWithTable(title: string, chart: Element, tableView: HTMLTableElement): HTMLElement {
  const section = el('section', 'chart-block');
  const head = el('div', 'chart-head');
  const toggle = el('button', 'toggle', 'Show table');
  toggle.type = 'button';
  toggle.setAttribute('aria-pressed', 'false');
  const chartBox = el('div', 'chart-box');
  chartBox.append(chart);
  tableView.hidden = true;
  toggle.addEventListener('click', () => {
    const showTable = tableView.hidden;
    tableView.hidden = !showTable;
    chartBox.hidden = showTable;
    toggle.textContent = showTable ? 'Show chart' : 'Show table';
    toggle.setAttribute('aria-pressed', String(showTable));
  });
  head.append(el('h3', undefined, title), toggle);
  section.append(head, chartBox, tableView);
  return section;
}

function who(run: RunReport): Array<{ run: string; model: string }> {
  return [{ run: run.run, model: run.model }];
}

function leaderboard(runs: RunReport[], onSelect: SelectHandler | undefined): HTMLTableElement {
  const rows = runs.map((r) => {
    const clean = r.splits.find((s) => s.component === 'clean');
    const name = `${r.model} · ${r.run}`;
    return [
      text(r.model),
      text(r.run),
      text(r.protocol ?? '–'),
      clean ? linkCell(pct(clean.accuracy), { runs: who(r), split: 'clean', label: `${name} · clean` }, onSelect, interval(clean.ci)) : text('–'),
      ...COMPONENTS.map((c) => {
        const p = r.components.find((x) => x.component === c);
        return p ? linkCell(pct(p.macro), { runs: who(r), component: c, label: `${name} · ${c}` }, onSelect, `95% interval ${interval(p.macroCi)}`) : text('–');
      }),
      text(r.aggregate === null ? '–' : pct(r.aggregate)),
      text(r.retention === null ? '–' : pct(r.retention)),
    ];
  });
  return table('Leaderboard: clean, each component (mean of its types), aggregate (all perturbed cases) and retention', ['Model', 'Run', 'Protocol', 'Clean', 'Observation', 'Action', 'Reward', 'Transition', 'Aggregate', 'Retention'], rows, 3);
}

function profileTable(run: RunReport, onSelect: SelectHandler | undefined): HTMLTableElement {
  const rows = profileRows(run).map((row) => {
    const split = row.scope.split === undefined ? undefined : run.splits.find((s) => s.split === row.scope.split);
    const component = row.scope.component === undefined ? undefined : run.components.find((c) => c.component === row.scope.component);
    const drop = split?.drop ?? component?.drop;
    const cases = split ? `${split.correct}/${split.total}` : component ? `${component.correct}/${component.total}` : '';
    return [text(row.label.trim()), text(row.level), linkCell(pct(row.value), row.scope, onSelect), text(interval([row.lo, row.hi])), text(drop ? points(drop.absolute) : ''), text(cases)];
  });
  const clean = run.splits.find((s) => s.component === 'clean');
  if (clean) rows.unshift([text('clean'), text('clean'), linkCell(pct(clean.accuracy), { runs: who(run), split: 'clean', label: `${run.model} · ${run.run} · clean` }, onSelect), text(interval(clean.ci)), text(''), text(`${clean.correct}/${clean.total}`)]);
  return table(`Accuracy of ${run.model} · ${run.run}`, ['Split', 'Level', 'Accuracy', '95% interval', 'Change vs clean (points)', 'Correct'], rows, 2);
}

function bfclTables(run: RunReport, onSelect: SelectHandler | undefined): HTMLElement {
  const section = el('section', 'bfcl');
  section.append(el('h3', undefined, `BFCL categories of ${run.model} · ${run.run}`));
  section.append(
    table(
      'Accuracy per category; verdicts re-scored by RobustLens or read from BFCL’s score files',
      ['Category', 'Tests', 'Correct', 'Accuracy', 'Verdicts from'],
      run.categories.map((c) => [text(c.category), text(String(c.total)), text(String(c.correct)), linkCell(pct(c.accuracy), { runs: who(run), split: c.category, label: `${run.model} · ${run.run} · ${c.category}` }, onSelect), text(c.source)]),
    ),
    table(
      'BFCL’s summary columns, computed as BFCL computes them',
      ['CSV', 'Column', 'Accuracy'],
      Object.entries(run.bfclSummary).map(([key, value]) => {
        const [file, column] = key.split('/');
        return [text(file!), text(column!), text(pct(value))];
      }),
      2,
    ),
  );
  return section;
}

/** Flips per split, p-values and, per component, the gap closure of B over A. */
export function comparisonSection(c: RunComparison, onSelect: SelectHandler | undefined, width: number): HTMLElement {
  const section = el('section', 'comparison');
  const runs = [
    { run: c.runA, model: c.modelA },
    { run: c.runB, model: c.modelB },
  ];
  const flips = table(
    'Flips per split between the two runs, with McNemar’s exact p-value',
    ['Split', 'Shared ids', `A: ${c.runA}`, `B: ${c.runB}`, 'Pass → fail', 'Fail → pass', 'McNemar p'],
    c.splits.map((s) => [
      text(s.split),
      text(String(s.shared)),
      text(pct(s.accuracyA)),
      text(pct(s.accuracyB)),
      linkCell(String(s.passToFail.length), { runs, split: s.split, ids: s.passToFail, label: `${s.split}: pass → fail from ${c.runA} to ${c.runB}` }, s.passToFail.length ? onSelect : undefined),
      linkCell(String(s.failToPass.length), { runs, split: s.split, ids: s.failToPass, label: `${s.split}: fail → pass from ${c.runA} to ${c.runB}` }, s.failToPass.length ? onSelect : undefined),
      text(s.pValue < 0.001 ? '<0.001' : s.pValue.toPrecision(3)),
    ]),
  );
  section.append(el('h2', undefined, `${c.modelA} · ${c.runA} vs ${c.modelB} · ${c.runB}`));
  section.append(el('p', 'muted', `Protocols: ${protocolsText(c)}.`));
  if (c.notComparable) {
    const warning = el('p', 'warning', `Warning: ${c.notComparable}.`);
    warning.setAttribute('role', 'note');
    section.append(warning);
  }
  section.append(chartWithTable('Flips per split', comparisonChart(c, onSelect, width), flips));
  if (c.components.length) {
    const gap = (x: number | null) => (x === null ? '–' : pct(x));
    section.append(
      table(
        'Per component: flips pooled over its types, McNemar p, and how much of A’s gap to clean B closes',
        ['Component', 'Pass → fail', 'Fail → pass', 'McNemar p', 'Gap A', 'Gap B', 'Gap closure'],
        c.components.map((x) => [text(x.component), text(String(x.passToFail)), text(String(x.failToPass)), text(x.pValue < 0.001 ? '<0.001' : x.pValue.toPrecision(3)), text(gap(x.gapA)), text(gap(x.gapB)), text(x.gapClosure === null ? '–' : pct(x.gapClosure))]),
      ),
    );
  }
  return section;
}

function heatmapSection(runs: RunReport[], onSelect: SelectHandler | undefined, width: number): HTMLElement {
  const section = el('section', 'heatmap');
  const pick = el('div', 'metric-pick');
  pick.setAttribute('role', 'group');
  pick.setAttribute('aria-label', 'Heatmap value');
  const box = el('div');
  const show = (metric: 'accuracy' | 'drop') => {
    const cells = heatmapCells(runs, metric);
    const t = table(
      metric === 'accuracy' ? 'Accuracy per run and type' : 'Change from clean per run and type, in points',
      ['Run', 'Type', metric === 'accuracy' ? 'Accuracy' : 'Change (points)'],
      cells.map((c) => [text(c.run), text(c.split), linkCell(metric === 'accuracy' ? pct(c.value) : points(-c.value), c.scope, onSelect, c.title)]),
      2,
    );
    box.replaceChildren(chartWithTable(metric === 'accuracy' ? 'Accuracy per run and type' : 'Change from clean per run and type (points)', heatmapChart(runs, metric, onSelect, width), t));
    for (const b of pick.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset['metric'] === metric));
  };
  for (const [metric, label] of [
    ['accuracy', 'Accuracy'],
    ['drop', 'Change from clean'],
  ] as const) {
    const b = el('button', 'toggle', label);
    b.type = 'button';
    b.dataset['metric'] = metric;
    b.addEventListener('click', () => show(metric));
    pick.append(b);
  }
  section.append(el('h2', undefined, 'Runs × types'), pick, box);
  show('accuracy');
  return section;
}

/**
 * The whole report: the leaderboard, each run's profile, the runs × types heatmap, the
 * comparisons, and BFCL's categories. Every chart has its table; every figure that stands for
 * samples opens them when `onSelect` is given.
 */
export function renderReportView(root: HTMLElement, report: Report, comparisons: readonly RunComparison[], onSelect: SelectHandler | undefined): void {
  const width = Math.max(480, Math.min(root.clientWidth || 900, 1100) - 24);
  const robust = report.runs.filter((r) => r.splits.length > 0);
  const parts: HTMLElement[] = [];
  if (robust.length) {
    const board = el('section', 'leaderboard');
    board.append(el('h2', undefined, 'Leaderboard'), leaderboard(robust, onSelect));
    parts.push(board);
    for (const run of robust) {
      const section = el('section', 'profile');
      section.dataset['run'] = `${run.model} · ${run.run}`;
      section.append(el('h2', undefined, `Profile: ${run.model} · ${run.run}`));
      const clean = run.splits.find((s) => s.component === 'clean');
      const facts = [clean ? `clean ${pct(clean.accuracy)}` : '', run.aggregate === null ? '' : `aggregate ${pct(run.aggregate)}`, run.retention === null ? '' : `retention ${pct(run.retention)}`].filter(Boolean).join(' · ');
      section.append(el('p', 'muted', facts), chartWithTable('Accuracy per component and type, with 95% intervals; dashed: clean', profileChart(run, onSelect, width), profileTable(run, onSelect)));
      parts.push(section);
    }
    parts.push(heatmapSection(robust, onSelect, width));
  }
  for (const c of comparisons) parts.push(comparisonSection(c, onSelect, width));
  for (const run of report.runs.filter((r) => r.categories.length > 0)) parts.push(bfclTables(run, onSelect));
  if (report.tags.length) {
    const section = el('section', 'tags');
    section.append(
      el('h2', undefined, 'Tags'),
      table(
        'Samples per tag (error category or free tag), split and run',
        ['Tag', 'Run', 'Split', 'Samples'],
        report.tags.map((t) => [text(t.tag), text(`${t.model} · ${t.run}`), text(t.split), text(String(t.count))]),
        3,
      ),
    );
    parts.push(section);
  }
  if (parts.length === 0) parts.push(el('p', 'muted', 'No scored results yet.'));
  root.replaceChildren(...parts);
}
