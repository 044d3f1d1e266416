import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { errorMessage } from '../common/errorMessage.js';
import { JsonlAppender, readEvalRows, readRecordAt } from '../core/formats/index.js';
import type { IndexEntry } from '../core/index/index.js';
import { caseText, compareCalls, goldenForm, predictionColumn, recordedColumn } from '../core/inspect/index.js';
import { type ChatRequest, preflight } from '../core/model/index.js';
import { isFaultType, openAiRewriter, PERTURBATIONS, RewriteCache, ToolPool } from '../core/perturb/index.js';
import { cleanRowFor, quickRunCase } from '../core/quickrun/index.js';
import { protocolFrom, requestSettings, runCase, secondPass } from '../core/run/index.js';
import { type EvalRow, predictionRecord, type PredictionRecord, type RunProtocol } from '../core/schema/index.js';
import { scoreRecord } from '../core/score/index.js';
import type { CallColumn, QuickRunOptionsView, QuickRunPreviewView, QuickRunResultView, QuickRunSettings } from '../protocol.js';
import type { BfclQuestionFiles } from './bfclQuestionFiles.js';
import { parseModelChoice } from './modelChoice.js';
import type { ModelService } from './modelService.js';
import type { ResultsService } from './resultsService.js';
import type { Settings } from './settings.js';

const QUICK_RUN_ID = 'quick-runs';

/**
 * Runs one sample, perturbed one way, against one local model, now. Models come from the
 * model service (the endpoints and the `.gguf` in the settings).
 */
export class QuickRunService implements vscode.Disposable {
  private running: AbortController | undefined;

  constructor(
    private readonly results: ResultsService,
    private readonly models: ModelService,
    private readonly questions: BfclQuestionFiles,
    private readonly settings: Settings,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /**
   * While the returned disposable lives, endpoints that did not answer are asked again, and
   * `onChange` gets the options anew whenever an endpoint comes up or goes down, or the model
   * settings change.
   */
  watchModels(onChange: (options: QuickRunOptionsView) => void): vscode.Disposable {
    const changed = () => void this.options().then(onChange, (err: unknown) => this.log.warn(`could not list the models anew: ${errorMessage(err)}`));
    return vscode.Disposable.from(
      this.models.watchDownEndpoints(),
      this.models.onDidChangeEndpoint(changed),
      this.settings.onDidChange((keys) => (keys.has('endpoints') || keys.has('ggufPath') || keys.has('model')) && changed()),
    );
  }

  async options(): Promise<QuickRunOptionsView> {
    const types = [{ id: 'clean', component: 'clean', description: 'The clean sample, unperturbed.' }, ...PERTURBATIONS.map((p) => ({ id: p.id, component: p.component, description: p.description }))];
    const defaults = { seed: this.settings.get('seed'), toolMode: this.settings.get('toolMode') };
    if (!vscode.workspace.isTrusted) return { types, models: [], defaults, disabled: 'Quick-run is off in an untrusted workspace: it starts model requests. Trust the workspace to use it; reading and inspecting still work.' };
    const models = await this.models.choices();
    const usable = models.filter((m) => !m.unavailable);
    const preferred = this.settings.get('model');
    const model = usable.find((m) => m.label.startsWith(`${preferred} `))?.id ?? usable[0]?.id;
    if (models.length === 0) {
      return { types, models, defaults, disabled: 'No model found. Add a server to "robustlens.endpoints" (Ollama, llama-server, vLLM, LM Studio) or pick a .gguf file with "RobustLens: Choose GGUF Model File".' };
    }
    if (!model) return { types, models, defaults, disabled: 'No model answers: start a server of "robustlens.endpoints" (this list follows when one answers) or pick a .gguf file with "RobustLens: Choose GGUF Model File".' };
    return { types, models, defaults: { ...defaults, model } };
  }

  /** All rows of the entry's file, for `redundant`'s related tools. */
  private async pool(entry: IndexEntry): Promise<ToolPool> {
    const pool = new ToolPool();
    if (entry.kind === 'bfcl-run') return pool;
    // Bad lines are already in the Problems panel from indexing; here they only lack a tool or two.
    for await (const { value } of readEvalRows(entry.record.file, () => undefined)) pool.addRow(value);
    return pool;
  }

  /** The LLM-based types rewrite with the chosen model when it is on an OpenAI-compatible server. */
  private async rewriteContext(settings: QuickRunSettings) {
    // No model picked yet (or the embedded one): no rewriter, and the preview still shows the case.
    if (!settings.model.startsWith('endpoint:')) return undefined;
    const choice = parseModelChoice(settings.model);
    const endpoint = choice.kind === 'endpoint' ? this.models.endpoints()[choice.index] : undefined;
    const folder = this.settings.workspaceFolder();
    if (choice.kind !== 'endpoint' || endpoint?.api !== 'openai' || !folder) return undefined;
    const cache = await RewriteCache.open(join(folder, '.robustlens', 'rewrite-cache.jsonl'), (p) => this.log.warn(`${p.file}:${p.line}: ${p.message}`));
    return { rewriter: openAiRewriter({ endpoint: endpoint.url, model: choice.model }), cache };
  }

  private async caseFor(entry: IndexEntry, settings: QuickRunSettings): Promise<{ ok: true; clean: EvalRow; row: EvalRow } | { ok: false; reason: string }> {
    const clean = await cleanRowFor(this.results.index, entry, this.questions.finder());
    if (!clean.ok) return clean;
    const rewrite = await this.rewriteContext(settings);
    const made = await quickRunCase(clean.row, settings.type, settings.seed, { pool: await this.pool(entry), ...(rewrite ? { rewrite } : {}) });
    return made.ok ? { ok: true, clean: clean.row, row: made.row } : made;
  }

  /**
   * The recorded run's protocol when the sample comes from one, so the new answer stands beside
   * the old under the same settings; the bar's tool mode and seed apply on top.
   */
  private async protocol(entry: IndexEntry, settings: QuickRunSettings): Promise<RunProtocol> {
    const recorded = entry.kind === 'predictions' ? predictionRecord.safeParse(await readRecordAt(entry.record)) : undefined;
    const base = recorded?.success && recorded.data.protocol ? recorded.data.protocol : protocolFrom('native', { temperature: this.settings.get('temperature') });
    return { ...base, tool_mode: settings.toolMode, seed: settings.seed };
  }

  private request(row: EvalRow, model: string, protocol: RunProtocol): ChatRequest {
    return { model, messages: row.conversation, tools: row.tools, ...requestSettings(protocol, row) };
  }

  async preview(entry: IndexEntry, settings: QuickRunSettings): Promise<QuickRunPreviewView> {
    const made = await this.caseFor(entry, settings);
    if (!made.ok) return { skipped: made.reason, checks: [] };
    const fault = isFaultType(settings.type) ? ' (the fault is injected after pass 1 makes a call)' : '';
    const diff = {
      title: `Clean vs ${settings.type}, seed ${settings.seed}${fault}`,
      original: { label: 'clean', text: caseText(made.clean.conversation, made.clean.tools) },
      modified: { label: `${settings.type} (seed ${settings.seed})`, text: caseText(made.row.conversation, made.row.tools) },
    };
    try {
      const { backend, model } = await this.models.resolve(settings.model);
      const report = await preflight(backend, this.request(made.row, model, await this.protocol(entry, settings)), { signal: AbortSignal.timeout(10_000) });
      return { diff, checks: report.checks };
    } catch (err) {
      return { diff, checks: [{ level: 'error', message: errorMessage(err) }] };
    }
  }

  cancel(): void {
    this.running?.abort(new Error('cancelled'));
  }

  /** Runs it (both passes for transition types), scores it, saves it to the quick-runs file. */
  async run(entry: IndexEntry, settings: QuickRunSettings): Promise<QuickRunResultView> {
    if (!vscode.workspace.isTrusted) throw new Error('quick-run needs a trusted workspace');
    const made = await this.caseFor(entry, settings);
    if (!made.ok) throw new Error(`${settings.type} cannot be applied to this sample: ${made.reason}`);
    const row = made.row;
    const { backend, model, label } = await this.models.resolve(settings.model);
    const protocol = await this.protocol(entry, settings);
    this.running?.abort();
    const controller = (this.running = new AbortController());
    const record = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Quick-run ${entry.id} · ${settings.type} on ${model}`, cancellable: true },
      async (_progress, token) => {
        token.onCancellationRequested(() => controller.abort(new Error('cancelled')));
        return runCase(row, backend, {
          endpoints: [backend],
          model,
          protocol,
          out: '',
          runId: QUICK_RUN_ID,
          signal: controller.signal,
          score: scoreRecord,
          onProblem: () => undefined,
        });
      },
    );
    if (controller.signal.aborted) throw new Error('the quick-run was cancelled');
    // A request that failed says nothing about the model: shown as a FAIL and saved, it would
    // pass for an answer, and the Results tree would count it among the quick-runs.
    if (record.prediction.error) {
      this.log.warn(`quick-run ${entry.id} · ${settings.type} on ${label} failed: ${record.prediction.error}`);
      throw new Error(`${label}: ${record.prediction.error}`);
    }
    const saved = { ...record, perturbation: record.perturbation ? { ...record.perturbation, metadata: { ...record.perturbation.metadata, seed: settings.seed } } : null };
    const savedTo = await this.save(saved);
    this.log.info(`quick-run ${entry.id} · ${settings.type} on ${label}: ${record.score?.correct ? 'pass' : 'fail'}`);
    return { ...(await this.resultColumns(entry, row, record)), savedTo };
  }

  private async save(record: PredictionRecord): Promise<string> {
    if (!this.settings.workspaceFolder()) throw new Error('open a folder to keep quick-runs');
    const file = this.settings.resolvePath(this.settings.get('quickRunsFile'));
    await vscode.workspace.fs.createDirectory(vscode.Uri.file(dirname(file)));
    const out = await JsonlAppender.open(file, { durable: true });
    try {
      await out.append(record);
    } finally {
      await out.close();
    }
    return file;
  }

  private async resultColumns(entry: IndexEntry, row: EvalRow, record: PredictionRecord): Promise<Omit<QuickRunResultView, 'savedTo'>> {
    const form = goldenForm(row);
    const golden = row.golden_answers;
    const type = row.perturbation?.type ?? 'clean';
    const pass1 = record.prediction.pass1;
    const label = `Quick-run${pass1 ? ' pass 2' : ''} · ${type} · ${record.model}`;
    const recorded = await recordedColumn(this.results.index, entry, type, golden, form, this.questions.finder());
    const columns: CallColumn[] = [
      {
        label: 'Golden',
        calls: compareCalls(golden, record.prediction.tool_calls, form).golden,
        judgedAgainst: label,
        ...(recorded ? {} : { note: `${entry.run} recorded no ${type} result of this sample to compare with.` }),
      },
    ];
    if (recorded) columns.push(recorded);
    if (pass1) columns.push({ label: 'Quick-run pass 1', calls: compareCalls(golden, pass1.tool_calls, form).predicted });
    columns.push(predictionColumn(label, record, golden, form));
    const second = pass1 && record.protocol && isFaultType(type) ? secondPass(row, pass1.tool_calls, type, record.protocol) : undefined;
    const fault = second?.ok ? second.conversation.at(-1)?.content ?? undefined : undefined;
    return { columns, ...(fault ? { fault } : {}) };
  }

  dispose(): void {
    this.running?.abort();
  }
}
