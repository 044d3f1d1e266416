import { errorMessage } from '../src/common/errorMessage';
import type { Report, RunComparison, SampleScope } from '../src/common/reportData';
import { dashboardWebviewEndpoint, type DashboardRun, type Envelope } from '../src/protocol';
import { el } from './dom';
import { toolbarButton as button } from './toolbarButton';
import { renderReportView } from './report/reportView';
import './report/report.css';
import './dashboard.css';

interface VsCodeApi {
  postMessage(message: Envelope): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const endpoint = dashboardWebviewEndpoint((e) => vscode.postMessage(e));
window.addEventListener('message', (event: MessageEvent<unknown>) => void endpoint.receive(event.data).catch(say));

const root = document.getElementById('root')!;
const status = el('div', 'status');
status.setAttribute('role', 'status');
const body = el('div', 'report-body');
const pickA = el('select', 'run-pick');
const pickB = el('select', 'run-pick');
pickA.setAttribute('aria-label', 'Run A (the baseline)');
pickB.setAttribute('aria-label', 'Run B');

let report: Report | undefined;
let runs: DashboardRun[] = [];
const comparisons: RunComparison[] = [];

function say(message: unknown): void {
  status.textContent = typeof message === 'string' ? message : errorMessage(message);
  status.classList.toggle('error', typeof message !== 'string');
}

/** A figure was activated: the host filters the Results tree to its samples and opens the first. */
function select(scope: SampleScope): void {
  say(`Showing ${scope.label}…`);
  endpoint.request({ type: 'select', scope }).then((r) => say(`${scope.label}: ${r.count} sample${r.count === 1 ? '' : 's'} in the Results view.`), say);
}

function compare(): void {
  if (!pickA.value || !pickB.value || pickA.value === pickB.value) return say('Pick two different runs to compare.');
  endpoint.request({ type: 'compare', a: pickA.value, b: pickB.value }).then((r) => {
    comparisons.unshift(r.comparison);
    paint();
    document.querySelector('section.comparison')?.scrollIntoView({ block: 'start' });
  }, say);
}

function exportReport(format: 'html' | 'md'): void {
  endpoint.request({ type: 'exportReport', format }).then((r) => r.file && say(`Report saved to ${r.file}.`), say);
}

function fillPicks(): void {
  for (const [pick, index] of [
    [pickA, 0],
    [pickB, 1],
  ] as const) {
    const kept = pick.value;
    pick.replaceChildren(...runs.map((r) => new Option(r.label, r.key)));
    pick.value = runs.some((r) => r.key === kept) ? kept : (runs[index]?.key ?? '');
  }
}

function paint(): void {
  if (report) renderReportView(body, report, comparisons, select);
}

/** Scrolls to the profile of the run the dashboard was opened from. */
function focusRun(key: string | undefined): void {
  const label = runs.find((r) => r.key === key)?.label;
  if (!label) return;
  const section = [...document.querySelectorAll<HTMLElement>('section.profile')].find((s) => s.dataset['run'] === label);
  section?.scrollIntoView({ block: 'start' });
}

function show(next: Report, nextRuns: DashboardRun[], focus?: string): void {
  report = next;
  runs = nextRuns;
  fillPicks();
  paint();
  focusRun(focus);
}

function layout(): void {
  const bar = el('div', 'toolbar');
  const compareGroup = el('div', 'compare-bar');
  compareGroup.setAttribute('role', 'group');
  compareGroup.setAttribute('aria-label', 'Compare two runs');
  compareGroup.append(el('span', 'muted', 'Compare'), pickA, el('span', 'muted', 'with'), pickB, button('Compare', 'Flips per split, McNemar p-values and gap closure of B over A', compare, false));
  bar.append(
    compareGroup,
    button('Export HTML…', 'One self-contained HTML file with the charts, for a reviewer', () => exportReport('html')),
    button('Export Markdown…', 'The leaderboard and tables as Markdown', () => exportReport('md')),
  );
  const title = el('h1', undefined, 'RobustLens Dashboard');
  const note = el('p', 'muted', 'Click a bar, a cell or a count to show exactly those samples in the Results view. 95% intervals: Wilson for a split, normal for a component’s mean of types; changes from clean are paired on sample ids (bootstrap).');
  root.replaceChildren(title, note, bar, status, body);
}

endpoint.onEvent((event) => show(event.report, event.runs, event.focusRun));

// Charts are drawn for a width: when the panel is resized (an inspector opens beside it), redraw.
let paintedWidth = 0;
let resizeTimer: number | undefined;
new ResizeObserver(() => {
  if (Math.abs(body.clientWidth - paintedWidth) < 40) return;
  clearTimeout(resizeTimer);
  resizeTimer = window.setTimeout(() => {
    paintedWidth = body.clientWidth;
    paint();
  }, 150);
}).observe(body);

async function start(): Promise<void> {
  layout();
  try {
    const ready = await endpoint.request({ type: 'ready' });
    show(ready.state.report, ready.state.runs, ready.state.focusRun);
  } catch (err) {
    say(err);
  }
}

void start();
