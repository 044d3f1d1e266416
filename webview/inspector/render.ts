import type { ArgView, CallColumn, CallView, InspectorModel } from '../../src/protocol';
import { appendName, el } from '../dom';

const ARG_LABEL: Record<ArgView['status'], string> = { match: 'matches', differs: 'differs', missing: 'missing', extra: 'not expected', unchecked: '' };
const CALL_LABEL: Record<CallView['status'], string> = { match: 'matches', wrong_args: 'wrong arguments', extra: 'not expected', missing: 'not called', unchecked: '' };

function argRow(arg: ArgView): HTMLElement {
  const row = el('tr', `arg arg-${arg.status}`);
  row.append(appendName(el('td', 'arg-name'), arg.name), el('td', 'arg-value', arg.status === 'missing' ? '—' : arg.value));
  const why = el('td', 'arg-status', ARG_LABEL[arg.status]);
  if (arg.expected !== undefined && arg.status !== 'match') why.title = `expected ${arg.expected}`;
  if (arg.expected !== undefined && (arg.status === 'differs' || arg.status === 'missing')) {
    const expected = el('div', 'arg-expected');
    expected.append(el('span', 'arg-expected-label', 'expected'), ' ', el('span', 'arg-expected-value', arg.expected));
    why.append(expected);
  }
  row.append(why);
  return row;
}

function callCard(call: CallView): HTMLElement {
  const card = el('div', `call call-${call.status}`);
  const head = el('div', 'call-head');
  head.append(appendName(el('span', 'call-name'), call.name));
  if (CALL_LABEL[call.status]) head.append(el('span', `pill pill-${call.status}`, CALL_LABEL[call.status]));
  card.append(head);
  if (call.args.length) {
    const table = el('table', 'args');
    for (const a of call.args) table.append(argRow(a));
    card.append(table);
  } else {
    card.append(el('div', 'muted', 'no arguments'));
  }
  return card;
}

export function column(col: CallColumn): HTMLElement {
  const box = el('section', 'column');
  box.setAttribute('aria-label', col.label);
  const head = el('header', 'column-head');
  head.append(appendName(el('h3'), col.label));
  if (col.judgedAgainst) {
    const judged = el('span', 'badge judged-against', `judged against ${col.judgedAgainst}`);
    judged.title = `The marks on these calls ("matches", "not called") compare them with the calls of ${col.judgedAgainst}.`;
    head.append(judged);
  }
  if (col.verdict) head.append(el('span', `verdict ${col.verdict.correct ? 'verdict-pass' : 'verdict-fail'}`, col.verdict.correct ? 'PASS' : 'FAIL'));
  box.append(head);
  if (col.note) box.append(el('div', 'note', col.note));
  if (col.verdict && !col.verdict.correct) {
    const why = el('div', 'why');
    if (col.verdict.errorType) why.append(appendName(el('code', 'error-type'), col.verdict.errorType));
    if (col.verdict.explanation) why.append(el('div', 'explanation', col.verdict.explanation));
    box.append(why);
  }
  if (col.calls.length === 0) box.append(el('div', 'muted', 'no tool call'));
  for (const call of col.calls) box.append(callCard(call));
  if (col.raw !== undefined) {
    const raw = el('details', 'raw');
    raw.append(el('summary', undefined, 'raw output'), el('pre', undefined, col.raw || '(empty)'));
    box.append(raw);
  }
  return box;
}

function badge(text: string, className = 'badge'): HTMLElement {
  return el('span', className, text);
}

/** The header: what the sample is, its verdict, and what the perturbation did. */
export function renderHeader(target: HTMLElement, m: InspectorModel): void {
  target.replaceChildren();
  const title = el('div', 'title');
  title.append(appendName(el('h2'), m.id));
  title.append(badge(m.run), badge(m.model), badge(m.component ? `${m.component} · ${m.split}` : m.split));
  if (m.protocol) {
    const protocol = badge(`protocol: ${m.protocol}`);
    protocol.title = 'The settings this run sent every case with (robustlens run --protocol); runs are comparable only under the same protocol.';
    title.append(protocol);
  }
  title.append(badge(m.verdict.toUpperCase(), `verdict verdict-${m.verdict}`));
  if (m.flippedFromClean) title.append(badge('flipped: clean pass → perturbed fail', 'badge badge-flip'));
  if (m.flippedBetweenRuns) title.append(badge('verdict differs between runs', 'badge badge-flip'));
  target.append(title);
  if (m.perturbation) {
    const p = el('div', 'perturbation');
    p.append(el('div', undefined, m.perturbation.description), el('div', 'muted', `Correct behaviour: ${m.perturbation.correctBehaviour}`));
    const meta = el('details', 'raw');
    meta.append(el('summary', undefined, 'what was changed (metadata)'), el('pre', undefined, m.perturbation.metadata));
    p.append(meta);
    target.append(p);
  }
}

export function renderColumns(target: HTMLElement, m: InspectorModel): void {
  target.replaceChildren(...m.columns.map(column));
}
