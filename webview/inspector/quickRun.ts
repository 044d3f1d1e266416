import { errorMessage } from '../../src/common/errorMessage';
import type { InspectorWebviewEndpoint, QuickRunOptionsView, QuickRunSettings } from '../../src/protocol';
import { DiffView } from './diffView';
import { el } from '../dom';
import { column } from './render';

function select(label: string, className: string): { wrap: HTMLLabelElement; input: HTMLSelectElement } {
  const wrap = el('label', 'qr-field');
  const input = el('select', className);
  wrap.append(el('span', undefined, label), input);
  return { wrap, input };
}

/**
 * The Quick-run bar: pick a type (all 22, grouped by component), a seed, a model and a tool
 * mode; preview the perturbed case and the preflight checks; run it and see the new calls next
 * to the recorded ones.
 */
export class QuickRunBar {
  readonly element = el('section', 'quick-run');
  private readonly type = select('Perturbation', 'qr-type');
  private readonly model = select('Model', 'qr-model');
  private readonly mode = select('Tool mode', 'qr-mode');
  private readonly seed = el('input', 'qr-seed');
  private readonly status = el('div', 'qr-status');
  private readonly checks = el('ul', 'qr-checks');
  private readonly previewBox = el('div', 'qr-preview');
  private readonly diffBox = el('div', 'diff qr-diff');
  private readonly result = el('div', 'qr-result');
  private readonly buttons: HTMLElement[] = [];
  private diff: DiffView | undefined;
  private loaded = false;

  constructor(private readonly endpoint: InspectorWebviewEndpoint) {
    this.element.setAttribute('aria-label', 'Quick-run');
    const title = el('h3', 'section-title', 'Quick-run');
    const fields = el('div', 'qr-fields');
    this.seed.type = 'number';
    this.seed.setAttribute('aria-label', 'Seed');
    const seedWrap = el('label', 'qr-field');
    seedWrap.append(el('span', undefined, 'Seed'), this.seed);
    for (const m of ['native', 'prompt']) this.mode.input.append(new Option(m, m));
    this.type.input.addEventListener('change', () => this.describeType());
    // A preview and its checks are for the settings they were made with.
    for (const input of [this.type.input, this.model.input, this.mode.input, this.seed]) input.addEventListener('change', () => (this.previewBox.hidden = true));
    fields.append(this.type.wrap, seedWrap, this.model.wrap, this.mode.wrap);
    const actions = el('div', 'toolbar');
    actions.append(
      this.button('New seed', () => {
        this.seed.value = String(Math.floor(Math.random() * 1_000_000));
        this.previewBox.hidden = true;
      }),
      this.button('Preview', () => void this.preview()),
      this.button('Run', () => void this.run(), 'qr-run'),
      this.button('Cancel', () => this.endpoint.request({ type: 'quickRunCancel' }).catch((err: unknown) => this.fail(err)), 'qr-cancel', true),
    );
    this.previewBox.append(this.checks, this.diffBox);
    this.previewBox.hidden = true;
    this.element.append(title, fields, el('div', 'muted qr-description'), actions, this.status, this.previewBox, this.result);
  }

  private button(label: string, action: () => void, className = '', alwaysEnabled = false): HTMLElement {
    const b = document.createElement('vscode-button');
    b.className = `qr-button ${className}`.trim();
    b.textContent = label;
    if (className !== 'qr-run') b.setAttribute('secondary', '');
    b.addEventListener('click', () => {
      if (!b.hasAttribute('disabled')) action();
    });
    if (!alwaysEnabled) this.buttons.push(b);
    return b;
  }

  private settings(): QuickRunSettings {
    return { type: this.type.input.value, seed: Number(this.seed.value) || 0, model: this.model.input.value, toolMode: this.mode.input.value as 'native' | 'prompt' };
  }

  private describeType(): void {
    const option = this.type.input.selectedOptions[0];
    this.element.querySelector('.qr-description')!.textContent = option?.title ?? '';
  }

  /** Loads the types and models once; a sample change keeps the user's picks. */
  async load(): Promise<void> {
    if (this.loaded) return;
    const options: QuickRunOptionsView = await this.endpoint.request({ type: 'quickRunOptions' });
    this.loaded = true;
    const groups = new Map<string, HTMLOptGroupElement>();
    for (const t of options.types) {
      let group = groups.get(t.component);
      if (!group) {
        group = document.createElement('optgroup');
        group.label = t.component;
        groups.set(t.component, group);
        this.type.input.append(group);
      }
      const o = new Option(t.id, t.id);
      o.title = t.description;
      group.append(o);
    }
    for (const m of options.models) {
      const o = new Option(m.label, m.id);
      o.title = m.detail;
      this.model.input.append(o);
    }
    if (options.defaults.model) this.model.input.value = options.defaults.model;
    this.mode.input.value = options.defaults.toolMode;
    this.seed.value = String(options.defaults.seed);
    this.type.input.value = 'same_name_B';
    this.describeType();
    if (options.disabled) {
      for (const b of this.buttons) b.setAttribute('disabled', '');
      this.status.textContent = options.disabled;
      this.status.className = 'qr-status note';
    }
  }

  focus(): void {
    this.element.scrollIntoView({ block: 'start' });
    this.type.input.focus();
  }

  /** A new sample: earlier previews and results belong to the old one. */
  reset(): void {
    this.previewBox.hidden = true;
    this.result.replaceChildren();
    if (!this.status.classList.contains('note')) this.status.textContent = '';
  }

  private busy(text: string): void {
    this.status.textContent = text;
    this.status.className = 'qr-status';
  }

  private fail(err: unknown): void {
    this.status.textContent = errorMessage(err);
    this.status.className = 'qr-status error';
  }

  async preview(): Promise<void> {
    this.busy('Preparing the preview and checking the model…');
    try {
      const preview = await this.endpoint.request({ type: 'quickRunPreview', settings: this.settings() });
      this.previewBox.hidden = false;
      this.checks.replaceChildren(...preview.checks.map((c) => el('li', `check check-${c.level}`, `${c.level === 'ok' ? '✓' : c.level === 'warning' ? '⚠' : '✗'} ${c.message}`)));
      if (preview.skipped) {
        this.busy(`Not applicable to this sample: ${preview.skipped}`);
        this.diffBox.hidden = true;
        return;
      }
      this.diffBox.hidden = false;
      this.diff ??= new DiffView(this.diffBox);
      if (preview.diff) this.diff.show(preview.diff);
      this.busy(preview.diff?.title ?? '');
    } catch (err) {
      this.fail(err);
    }
  }

  async run(): Promise<void> {
    const settings = this.settings();
    this.busy(`Running ${settings.type} (seed ${settings.seed})…`);
    this.result.replaceChildren();
    try {
      const result = await this.endpoint.request({ type: 'quickRun', settings });
      const parts: HTMLElement[] = [];
      if (result.fault) {
        const fault = el('details', 'raw qr-fault');
        fault.open = true;
        fault.append(el('summary', undefined, 'Injected fault (the tool result pass 1 received)'), el('pre', undefined, result.fault));
        parts.push(fault);
      }
      const columns = el('div', 'columns');
      columns.append(...result.columns.map(column));
      parts.push(columns, el('div', 'muted', `saved to ${result.savedTo}`));
      this.result.replaceChildren(...parts);
      this.busy('Done.');
    } catch (err) {
      this.fail(err);
    }
  }
}
