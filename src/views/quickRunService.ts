import { join } from 'node:path';
import * as vscode from 'vscode';
import type { IndexEntry } from '../core/index/index.js';
import { readRecordAt } from '../core/formats/lineScanner.js';
import { caseText, goldenForm, predictionColumn } from '../core/inspect/inspectorModel.js';
import { compareCalls } from '../core/inspect/callDiff.js';
import { JsonlAppender, readEvalRows } from '../core/formats/robustbench.js';
import { EmbeddedBackend } from '../core/model/embedded.js';
import { OllamaBackend } from '../core/model/ollama.js';
import { OpenAICompatibleBackend } from '../core/model/openaiCompatible.js';
import { preflight } from '../core/model/preflight.js';
import type { ChatBackend, ChatRequest } from '../core/model/types.js';
import { faultMessage, isFaultType } from '../core/perturb/faults.js';
import { openAiRewriter } from '../core/perturb/openaiRewriter.js';
import { PERTURBATIONS } from '../core/perturb/registry.js';
import { RewriteCache } from '../core/perturb/rewriteCache.js';
import { ToolPool } from '../core/perturb/toolPool.js';
import { cleanRowFor, quickRunCase } from '../core/quickrun/index.js';
import { runCase } from '../core/run/runner.js';
import { predictionRecord, type EvalRow, type PredictionRecord } from '../core/schema/case.js';
import { scoreRecord } from '../core/score/records.js';
import type { QuickRunOptionsView, QuickRunPreviewView, QuickRunResultView, QuickRunSettings } from '../protocol.js';
import type { ResultsService } from './resultsService.js';

export interface EndpointSetting {
  name: string;
  url: string;
  api: 'openai' | 'ollama';
}

const QUICK_RUN_ID = 'quick-runs';

function config() {
  return vscode.workspace.getConfiguration('robustlens');
}

export function endpointsSetting(): EndpointSetting[] {
  return config().get<EndpointSetting[]>('endpoints', []);
}

/**
 * Runs one sample, perturbed one way, against one local model, now. Backends come from the
 * settings (`robustlens.endpoints`, `robustlens.ggufPath`); API keys from SecretStorage.
 */
export class QuickRunService implements vscode.Disposable {
  private readonly embedded = new Map<string, EmbeddedBackend>();
  private running: AbortController | undefined;

  constructor(
    private readonly results: ResultsService,
    private readonly secrets: vscode.SecretStorage,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async backend(endpoint: EndpointSetting): Promise<ChatBackend> {
    const policy = { timeoutMs: config().get<number>('timeoutMs', 60_000), retries: 1 };
    const onRetry = (e: { attempt: number; delayMs: number; error: Error }) => this.log.warn(`${endpoint.name}: attempt ${e.attempt} failed (${e.error.message}); retrying in ${e.delayMs} ms`);
    if (endpoint.api === 'ollama') return new OllamaBackend({ baseUrl: endpoint.url, policy, onRetry });
    const apiKey = await this.secrets.get(apiKeySecret(endpoint.name));
    return new OpenAICompatibleBackend({ baseUrl: endpoint.url, policy, onRetry, ...(apiKey ? { apiKey } : {}) });
  }

  private embeddedBackend(path: string): EmbeddedBackend {
    let b = this.embedded.get(path);
    if (!b) this.embedded.set(path, (b = new EmbeddedBackend({ modelPath: path, timeoutMs: config().get<number>('timeoutMs', 60_000) })));
    return b;
  }

  /** `endpoint:<index>:<model>` or `gguf:<path>` → the backend and the model name to ask for. */
  private async resolve(id: string): Promise<{ backend: ChatBackend; model: string; label: string }> {
    if (id.startsWith('gguf:')) {
      const path = id.slice(5);
      const backend = this.embeddedBackend(path);
      return { backend, model: (await backend.listModels())[0] ?? path, label: `embedded ${path}` };
    }
    const [, index, ...model] = id.split(':');
    const endpoint = endpointsSetting()[Number(index)];
    if (!endpoint) throw new Error(`no endpoint #${index} in robustlens.endpoints`);
    return { backend: await this.backend(endpoint), model: model.join(':'), label: `${endpoint.name} (${endpoint.url})` };
  }

  async options(): Promise<QuickRunOptionsView> {
    const types = [{ id: 'clean', component: 'clean', description: 'The clean sample, unperturbed.' }, ...PERTURBATIONS.map((p) => ({ id: p.id, component: p.component, description: p.description }))];
    const defaults = { seed: config().get<number>('seed', 42), toolMode: config().get<'native' | 'prompt'>('toolMode', 'native') };
    if (!vscode.workspace.isTrusted) return { types, models: [], defaults, disabled: 'Quick-run is off in an untrusted workspace: it starts model requests. Trust the workspace to use it; reading and inspecting still work.' };
    const models: QuickRunOptionsView['models'] = [];
    await Promise.all(
      endpointsSetting().map(async (endpoint, i) => {
        try {
          for (const m of await (await this.backend(endpoint)).listModels({ signal: AbortSignal.timeout(5000) })) {
            models.push({ id: `endpoint:${i}:${m}`, label: `${m} · ${endpoint.name}`, detail: `${endpoint.api} API at ${endpoint.url}` });
          }
        } catch (err) {
          this.log.warn(`${endpoint.name} (${endpoint.url}) did not list its models: ${(err as Error).message}`);
        }
      }),
    );
    const gguf = config().get<string>('ggufPath', '');
    if (gguf) models.push({ id: `gguf:${gguf}`, label: `${gguf.split(/[\\/]/).pop()} · embedded`, detail: `llama.cpp in-process: ${gguf}` });
    const preferred = config().get<string>('model', '');
    const model = models.find((m) => m.label.startsWith(`${preferred} `))?.id ?? models[0]?.id;
    if (models.length === 0) {
      return { types, models, defaults, disabled: 'No model found. Add a server to "robustlens.endpoints" (Ollama, llama-server, vLLM, LM Studio) or pick a .gguf file with "RobustLens: Choose GGUF Model File".' };
    }
    return { types, models, defaults: { ...defaults, ...(model ? { model } : {}) } };
  }

  /** All rows of the entry's file, for `redundant`'s related tools. */
  private async pool(entry: IndexEntry): Promise<ToolPool> {
    const pool = new ToolPool();
    if (entry.kind === 'bfcl-run') return pool;
    // Bad lines are already in the Problems panel from indexing; here they only lack a tool or two.
    for await (const { value } of readEvalRows(entry.record.file, () => undefined)) pool.addRow(value);
    return pool;
  }

  private async rewriteContext(settings: QuickRunSettings) {
    if (!settings.model.startsWith('endpoint:')) return undefined;
    const [, index, ...model] = settings.model.split(':');
    const endpoint = endpointsSetting()[Number(index)];
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (!endpoint || endpoint.api !== 'openai' || !folder) return undefined;
    const cache = await RewriteCache.open(join(folder, '.robustlens', 'rewrite-cache.jsonl'), (p) => this.log.warn(`${p.file}:${p.line}: ${p.message}`));
    return { rewriter: openAiRewriter({ endpoint: endpoint.url, model: model.join(':') }), cache };
  }

  private async caseFor(entry: IndexEntry, settings: QuickRunSettings): Promise<{ ok: true; clean: EvalRow; row: EvalRow } | { ok: false; reason: string }> {
    const clean = await cleanRowFor(this.results.index, entry);
    if (!clean.ok) return clean;
    const rewrite = await this.rewriteContext(settings);
    const made = await quickRunCase(clean.row, settings.type, settings.seed, { pool: await this.pool(entry), ...(rewrite ? { rewrite } : {}) });
    return made.ok ? { ok: true, clean: clean.row, row: made.row } : made;
  }

  private request(row: EvalRow, model: string, settings: QuickRunSettings): ChatRequest {
    return { model, messages: row.conversation, tools: row.tools, toolMode: settings.toolMode, temperature: config().get<number>('temperature', 0), seed: settings.seed };
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
      const { backend, model } = await this.resolve(settings.model);
      const report = await preflight(backend, this.request(made.row, model, settings), { signal: AbortSignal.timeout(10_000) });
      return { diff, checks: report.checks };
    } catch (err) {
      return { diff, checks: [{ level: 'error', message: (err as Error).message }] };
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
    const { backend, model, label } = await this.resolve(settings.model);
    this.running?.abort();
    const controller = (this.running = new AbortController());
    const record = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Quick-run ${entry.id} · ${settings.type} on ${model}`, cancellable: true },
      async (_progress, token) => {
        token.onCancellationRequested(() => controller.abort(new Error('cancelled')));
        return runCase(row, backend, {
          endpoints: [backend],
          settings: { model, toolMode: settings.toolMode, temperature: config().get<number>('temperature', 0), seed: settings.seed },
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
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (!folder) throw new Error('open a folder to keep quick-runs');
    const file = join(folder, config().get<string>('quickRunsFile', 'quick-runs/quick-runs.jsonl'));
    await vscode.workspace.fs.createDirectory(vscode.Uri.file(join(file, '..')));
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
    const columns = [{ label: 'Golden', calls: compareCalls(golden, record.prediction.tool_calls, form).golden }];
    if (entry.kind === 'predictions') {
      const recorded = predictionRecord.parse(await readRecordAt(entry.record));
      columns.push(predictionColumn(`Recorded · ${entry.split} · ${entry.model}`, recorded, golden, form));
    }
    const pass1 = record.prediction.pass1;
    if (pass1) columns.push({ label: 'Quick-run pass 1', calls: compareCalls(golden, pass1.tool_calls, form).predicted });
    columns.push(predictionColumn(`Quick-run${pass1 ? ' pass 2' : ''} · ${record.perturbation?.type ?? 'clean'} · ${record.model}`, record, golden, form));
    const firstCall = pass1?.tool_calls[0];
    const fault = firstCall && isFaultType(row.perturbation?.type ?? '') ? faultMessage(row.perturbation!.type as Parameters<typeof faultMessage>[0], firstCall, row.tools.find((t) => t.name === firstCall.name)) : undefined;
    return { columns, ...(fault ? { fault } : {}) };
  }

  dispose(): void {
    this.running?.abort();
    for (const b of this.embedded.values()) void b.close();
  }
}

export function apiKeySecret(endpointName: string): string {
  return `robustlens.apiKey.${endpointName}`;
}
