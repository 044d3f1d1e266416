import { errorMessage } from '../src/common/errorMessage';
import { inspectorWebviewEndpoint, type Envelope, type InspectorModel, type InspectorRequests, type InspectorSection, type NavigationTarget, type RequestIn } from '../src/protocol';
import { CaseView } from './inspector/caseView';
import { DiffView } from './inspector/diffView';
import { keyAction } from './inspector/keys';
import { QuickRunBar } from './inspector/quickRun';
import { el } from './dom';
import { toolbarButton as button } from './toolbarButton';
import { renderColumns, renderHeader } from './inspector/render';
import { renderTagging } from './inspector/tagging';
import { installMonacoWorkers } from './monacoWorkers';
import './styles.css';

/** Kept by VS Code while the panel is hidden or the window reloads: the sample and where the page was scrolled. */
interface SavedState {
  key?: string;
  scrollY?: number;
}

interface VsCodeApi {
  postMessage(message: Envelope): void;
  getState(): SavedState | undefined;
  setState(state: SavedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const endpoint = inspectorWebviewEndpoint((e) => vscode.postMessage(e));
window.addEventListener('message', (event: MessageEvent<unknown>) => void endpoint.receive(event.data).catch(notify));

const scriptUrl = (document.currentScript as HTMLScriptElement | null)?.src ?? '';
installMonacoWorkers(new URL('editor.worker.js', scriptUrl).toString());

const root = document.getElementById('root')!;
const alerts = el('div', 'error');
alerts.setAttribute('role', 'alert');

/** A request the user started failed (an untrusted workspace, a disk error, a closed panel): say so, never drop it. */
function notify(err: unknown): void {
  alerts.textContent = errorMessage(err);
}

/** Sends a request whose reply only confirms; a failure is shown. */
function send(body: RequestIn<InspectorRequests>): void {
  alerts.textContent = '';
  endpoint.request(body).catch(notify);
}

function layout() {
  const header = el('header', 'inspector-header');
  const nav = el('nav', 'toolbar');
  nav.setAttribute('aria-label', 'Navigate samples');
  const go = (target: NavigationTarget) => send({ type: 'navigate', target });
  nav.append(
    button('◀ Failure', 'Previous failure (p)', () => go('previousFailure')),
    button('Failure ▶', 'Next failure (n)', () => go('nextFailure')),
    button('◀ Flipped', 'Previous flipped sample (Shift+P)', () => go('previousFlipped')),
    button('Flipped ▶', 'Next flipped sample (Shift+N)', () => go('nextFlipped')),
    button('Untagged ▶', 'Next untagged failure (u)', () => go('nextUntagged')),
    button('Open record', 'Open the record in the editor (o)', () => send({ type: 'openSource' })),
  );
  const tagging = el('section', 'tagging');
  tagging.setAttribute('aria-label', 'Tags');
  const caseSection = el('section', 'case');
  const caseTitle = el('h3', 'section-title');
  const caseMissing = el('p', 'muted case-missing');
  const caseBox = el('div', 'diff case-box');
  caseBox.setAttribute('aria-label', 'The case');
  caseSection.append(caseTitle, caseMissing, caseBox);
  const diffSection = el('section', 'diff-section');
  const diffTitle = el('h3', 'section-title');
  const diffLabels = el('div', 'diff-labels');
  const diffBox = el('div', 'diff');
  diffBox.setAttribute('aria-label', 'Side-by-side diff');
  diffSection.append(diffTitle, diffLabels, diffBox);
  const callsTitle = el('h3', 'section-title', 'Tool calls');
  const columns = el('div', 'columns');
  const quickRun = new QuickRunBar(endpoint);
  root.replaceChildren(header, nav, alerts, tagging, caseSection, diffSection, callsTitle, columns, quickRun.element);
  return { header, tagging, caseSection, caseTitle, caseMissing, caseBox, diffSection, diffTitle, diffLabels, diffBox, columns, quickRun };
}

const parts = layout();
const diff = new DiffView(parts.diffBox);
let caseView: CaseView | undefined;
let shown: InspectorModel | undefined;

/** The case shown once (a clean sample, a BFCL question and its tools), or why it cannot be; hidden when a diff shows it. */
function showCase(view: InspectorModel['case']): void {
  parts.caseSection.hidden = !view;
  if (!view) return;
  parts.caseTitle.textContent = view.title;
  const missing = 'missing' in view;
  parts.caseMissing.hidden = !missing;
  parts.caseBox.hidden = missing;
  if (missing) {
    parts.caseMissing.textContent = view.missing;
    return;
  }
  caseView ??= new CaseView(parts.caseBox);
  caseView.show(view.text);
}

function showDiff(view: InspectorModel['diff']): void {
  parts.diffSection.hidden = !view;
  if (!view) return;
  parts.diffTitle.textContent = view.title;
  parts.diffLabels.replaceChildren(el('span', undefined, view.original.label), el('span', undefined, view.modified.label));
  diff.show(view);
}

const taggingActions = {
  add: (tag: string) => send({ type: 'tag', op: 'add', tag }),
  remove: (tag: string) => send({ type: 'tag', op: 'remove', tag }),
  note: (note: string) => send({ type: 'note', note }),
};

/** Where the page is scrolled, saved as it moves, so showing the panel again puts it back. */
let scrollSave = 0;
window.addEventListener(
  'scroll',
  () => {
    cancelAnimationFrame(scrollSave);
    scrollSave = requestAnimationFrame(() => vscode.setState({ ...vscode.getState(), scrollY: window.scrollY }));
  },
  { passive: true },
);

/**
 * Paints a sample. `focus` brings a section into view (asked for by the host once); otherwise
 * the same sample painted again (the panel was hidden and shown) goes back to where it was.
 */
function show(model: InspectorModel | null, focus: InspectorSection | undefined): void {
  if (!model) {
    parts.header.replaceChildren(el('p', 'muted', 'This sample is no longer in the results. Pick one in the Results tree.'));
    return;
  }
  const saved = vscode.getState();
  const sameSample = saved?.key === model.key;
  const newSample = shown?.key !== model.key;
  shown = model;
  vscode.setState({ key: model.key, ...(sameSample && saved?.scrollY !== undefined ? { scrollY: saved.scrollY } : {}) });
  renderHeader(parts.header, model);
  renderTagging(parts.tagging, model, taggingActions);
  showCase(model.case);
  showDiff(model.diff);
  renderColumns(parts.columns, model);
  if (newSample) parts.quickRun.reset(model.quickRunType);
  document.body.dataset['sample'] = model.key;
  const loaded = parts.quickRun.load();
  if (focus === 'quickRun') {
    loaded.then(() => parts.quickRun.focus(), notify);
    return;
  }
  loaded.catch(notify);
  if (sameSample && newSample && saved?.scrollY) {
    const y = saved.scrollY;
    requestAnimationFrame(() => window.scrollTo(0, y));
  }
}

endpoint.onEvent((event) => {
  if (event.type === 'show') show(event.model, event.focus);
  else parts.quickRun.applyModels(event.options);
});

window.addEventListener('keydown', (e) => {
  const target = e.target as HTMLElement | null;
  if (target?.closest('textarea, input, select, .monaco-editor')) return;
  const action = keyAction(e, shown);
  if (!action) return;
  if (action.kind !== 'openSource') e.preventDefault();
  if (action.kind === 'tag') send({ type: 'tag', op: action.op, tag: action.tag });
  else if (action.kind === 'focusFreeTag') parts.tagging.querySelector<HTMLInputElement>('.free-tag')?.focus();
  else if (action.kind === 'navigate') send({ type: 'navigate', target: action.target });
  else send({ type: 'openSource' });
});

async function start(): Promise<void> {
  try {
    const ready = await endpoint.request({ type: 'ready' });
    show(ready.state.model, ready.state.focus);
  } catch (err) {
    parts.header.textContent = `RobustLens could not start this view: ${errorMessage(err)}`;
  }
}

void start();
