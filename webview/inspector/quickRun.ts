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
 * The Quick-run bar: pick a type (all 22, grouped by component; each sample starts on its own),
 * a seed, a model and a tool mode; preview the perturbed case and the preflight checks; run it
 * and see the new calls next to the recorded ones of the same type. Endpoints that do not answer
 * stay in the model list, marked, and the list follows when one comes up.
 */
export class QuickRunBar {
  readonly element = el('section', 'quick-run');
  private readonly type = select('Perturbation', 'qr-type');
  private readonly model = select('Model', 'qr-model');
  private readonly mode = select('Tool mode', 'qr-mode');
  private readonly seed = el('input', 'qr-seed');
  private readonly status = el('div', 'qr-status');
  private readonly checks = el('ul', 'qr-checks');
  private readonly downEndpoints = el('ul', 'qr-endpoints');
  private readonly previewBox = el('div', 'qr-preview');
  private readonly diffBox = el('div', 'diff qr-diff');
  private readonly result = el('div', 'qr-result');
  private readonly buttons: HTMLElement[] = [];
  private diff: DiffView | undefined;
  private loaded = false;
  /** The shown sample's own type, which the bar starts on. */
  private sampleType = 'clean';
  /** Why Quick-run cannot run now (untrusted workspace, no model answers). */
  private disabled: string | undefined;

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
    this.downEndpoints.setAttribute('aria-label', 'Endpoints that do not answer');
    this.element.append(title, fields, this.downEndpoints, el('div', 'muted qr-description'), actions, this.status, this.previewBox, this.result);
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

  /** Starts on this type, or on clean where the list has no such type. */
  private pickType(type: string): void {
    this.type.input.value = type;
    if (this.type.input.value !== type) this.type.input.value = 'clean';
    this.describeType();
  }

  /** Loads the types and models once; a sample change keeps the user's model, seed and mode. */
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
    this.mode.input.value = options.defaults.toolMode;
    this.seed.value = String(options.defaults.seed);
    this.pickType(this.sampleType);
    this.applyModels(options);
  }

  /**
   * Fills the model list: the models that answer, and each endpoint that does not, marked with
   * the reason and not pickable. The picked model stays picked while it is offered.
   */
  applyModels(options: QuickRunOptionsView): void {
    const picked = this.model.input.value;
    this.model.input.replaceChildren(
      ...options.models.map((m) => {
        const o = new Option(m.unavailable ? `${m.label}: ${m.unavailable}` : m.label, m.id);
        o.title = m.detail;
        o.disabled = m.unavailable !== undefined;
        return o;
      }),
    );
    const usable = options.models.filter((m) => !m.unavailable).map((m) => m.id);
    const model = usable.includes(picked) ? picked : options.defaults.model;
    if (model) this.model.input.value = model;
    if (this.model.input.value !== picked) this.previewBox.hidden = true;
    this.downEndpoints.replaceChildren(...options.models.filter((m) => m.unavailable).map((m) => el('li', 'check-warning', `⚠ ${m.label} (${m.detail}): ${m.unavailable}. Checked again every few seconds.`)));
    this.disabled = options.disabled;
    for (const b of this.buttons) b.toggleAttribute('disabled', this.disabled !== undefined);
    if (this.disabled) {
      this.status.textContent = this.disabled;
      this.status.className = 'qr-status note';
    } else if (this.status.classList.contains('note')) {
      this.status.textContent = '';
      this.status.className = 'qr-status';
    }
  }

  focus(): void {
    this.element.scrollIntoView({ block: 'start' });
    this.type.input.focus();
  }

  /** A new sample, starting on its own type: earlier previews and results belong to the old one. */
  reset(sampleType: string): void {
    this.sampleType = sampleType;
    if (this.loaded) this.pickType(sampleType);
    this.previewBox.hidden = true;
    this.result.replaceChildren();
    if (!this.disabled) this.status.textContent = '';
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
      // The preview's "✓ answers" said nothing about this failure: leave only the error.
      this.checks.replaceChildren();
      this.fail(err);
    }
  }
}
