import '@vscode-elements/elements/dist/vscode-button/index.js';
import { MessageEndpoint, type Envelope, type InspectorModel, type NavigationTarget, type ToWebviewEvent } from '../src/protocol';
import { DiffView } from './inspector/diffView';
import { el, renderColumns, renderHeader } from './inspector/render';
import { installMonacoWorkers } from './monacoWorkers';
import { renderTagging, tagKeyAction } from './inspector/tagging';
import { QuickRunBar } from './inspector/quickRun';
import './styles.css';

interface VsCodeApi {
  postMessage(message: Envelope): void;
  getState(): { key?: string } | undefined;
  setState(state: { key?: string }): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const endpoint = new MessageEndpoint((e) => vscode.postMessage(e));
window.addEventListener('message', (event: MessageEvent<unknown>) => void endpoint.receive(event.data));

const scriptUrl = (document.currentScript as HTMLScriptElement | null)?.src ?? '';
installMonacoWorkers(new URL('editor.worker.js', scriptUrl).toString());

const KEYS: Record<string, NavigationTarget> = { n: 'nextFailure', p: 'previousFailure', N: 'nextFlipped', P: 'previousFlipped', u: 'nextUntagged' };

function layout(root: HTMLElement) {
  const header = el('header', 'inspector-header');
  const nav = el('nav', 'toolbar');
  nav.setAttribute('aria-label', 'Navigate samples');
  const button = (label: string, hint: string, action: () => void) => {
    const b = document.createElement('vscode-button');
    b.setAttribute('secondary', '');
    b.textContent = label;
    b.title = hint;
    b.addEventListener('click', action);
    return b;
  };
  const go = (target: NavigationTarget) => void endpoint.request({ type: 'navigate', target });
  nav.append(
    button('◀ Failure', 'Previous failure (p)', () => go('previousFailure')),
    button('Failure ▶', 'Next failure (n)', () => go('nextFailure')),
    button('◀ Flipped', 'Previous flipped sample (Shift+P)', () => go('previousFlipped')),
    button('Flipped ▶', 'Next flipped sample (Shift+N)', () => go('nextFlipped')),
    button('Untagged ▶', 'Next untagged failure (u)', () => go('nextUntagged')),
    button('Open record', 'Open the record in the editor (o)', () => void endpoint.request({ type: 'openSource' })),
  );
  const tagging = el('section', 'tagging');
  tagging.setAttribute('aria-label', 'Tags');
  const diffTitle = el('h3', 'section-title');
  const diffLabels = el('div', 'diff-labels');
  const diffBox = el('div', 'diff');
  diffBox.setAttribute('aria-label', 'Side-by-side diff');
  const callsTitle = el('h3', 'section-title', 'Tool calls');
  const columns = el('div', 'columns');
  const quickRun = new QuickRunBar(endpoint);
  root.replaceChildren(header, nav, tagging, diffTitle, diffLabels, diffBox, callsTitle, columns, quickRun.element);
  return { header, tagging, diffTitle, diffLabels, diffBox, columns, quickRun };
}

const root = document.getElementById('root')!;
const parts = layout(root);
const diff = new DiffView(parts.diffBox);
let shown: InspectorModel | undefined;
let shownKey: string | undefined;

/** Tag changes are written by the host; a failure (untrusted workspace, disk) is shown, never swallowed. */
function tagRequest(body: { type: 'tag'; op: 'add' | 'remove'; tag: string } | { type: 'note'; note: string }): void {
  endpoint.request(body).catch((err: unknown) => {
    parts.tagging.append(el('div', 'error', `Could not save: ${err instanceof Error ? err.message : String(err)}`));
  });
}

const taggingActions = {
  add: (tag: string) => tagRequest({ type: 'tag', op: 'add', tag }),
  remove: (tag: string) => tagRequest({ type: 'tag', op: 'remove', tag }),
  note: (note: string) => tagRequest({ type: 'note', note }),
};

function show(model: InspectorModel | null): void {
  if (!model) {
    parts.header.replaceChildren(el('p', 'muted', 'This sample is no longer in the results. Pick one in the Results tree.'));
    return;
  }
  shown = model;
  vscode.setState({ key: model.key });
  renderHeader(parts.header, model);
  renderTagging(parts.tagging, model, taggingActions);
  parts.diffTitle.textContent = model.diff.title;
  parts.diffLabels.replaceChildren(el('span', undefined, model.diff.original.label), el('span', undefined, model.diff.modified.label));
  diff.show(model.diff);
  renderColumns(parts.columns, model);
  if (shownKey !== model.key) parts.quickRun.reset();
  shownKey = model.key;
  document.body.dataset['sample'] = model.key;
  void parts.quickRun.load().catch((err: unknown) => console.error(err));
}

endpoint.onEvent((body) => {
  const event = body as ToWebviewEvent;
  if (event.type === 'show') show(event.model);
  else if (event.type === 'focusQuickRun') void parts.quickRun.load().then(() => parts.quickRun.focus());
});

window.addEventListener('keydown', (e) => {
  const target = e.target as HTMLElement | null;
  if (e.ctrlKey || e.metaKey || e.altKey || target?.closest('textarea, input, select, .monaco-editor')) return;
  const tagging = tagKeyAction(e.key, shown);
  const nav = KEYS[e.key];
  if (tagging) {
    e.preventDefault();
    tagRequest({ type: 'tag', ...tagging });
  } else if (e.key === 't') {
    e.preventDefault();
    parts.tagging.querySelector<HTMLInputElement>('.free-tag')?.focus();
  } else if (nav) {
    e.preventDefault();
    void endpoint.request({ type: 'navigate', target: nav });
  } else if (e.key === 'o') {
    void endpoint.request({ type: 'openSource' });
  }
});

async function start(): Promise<void> {
  try {
    const ready = await endpoint.request({ type: 'ready' });
    show(ready.state as InspectorModel | null);
  } catch (err) {
    parts.header.textContent = `RobustLens could not start this view: ${err instanceof Error ? err.message : String(err)}`;
  }
}

void start();
