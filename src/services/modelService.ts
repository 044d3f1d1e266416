import { basename } from 'node:path';
import * as vscode from 'vscode';
import { errorMessage } from '../common/errorMessage.js';
import { createBackend, type Backend } from '../core/model/index.js';
import type { QuickRunModelView } from '../protocol.js';
import { modelChoiceId, parseModelChoice } from './modelChoice.js';
import type { Settings } from './settings.js';
import type { EndpointSetting } from './settingsSchema.js';

/** How long a server may take to list its models before it counts as not answering. */
const LIST_TIMEOUT_MS = 5_000;

/** A model resolved from a choice id: the backend to ask, the name to ask for, and a label for messages. */
export interface ResolvedModel {
  backend: Backend;
  model: string;
  label: string;
  endpoint?: EndpointSetting;
}

/**
 * The model servers and the `.gguf` file the settings name, as backends built by the core's
 * factory. API keys come from VS Code's secret storage; an in-process model is loaded once and
 * kept for the session.
 */
export class ModelService implements vscode.Disposable {
  private readonly embedded = new Map<string, Backend>();

  constructor(
    private readonly settings: Settings,
    private readonly secrets: vscode.SecretStorage,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  endpoints(): EndpointSetting[] {
    return this.settings.get('endpoints');
  }

  ggufPath(): string {
    return this.settings.get('ggufPath');
  }

  async backendFor(endpoint: EndpointSetting): Promise<Backend> {
    const apiKey = endpoint.api === 'openai' ? await this.secrets.get(apiKeySecret(endpoint.name)) : undefined;
    return createBackend(
      { kind: 'server', api: endpoint.api, url: endpoint.url, ...(apiKey ? { apiKey } : {}) },
      {
        timeoutMs: this.settings.get('timeoutMs'),
        retries: 1,
        onRetry: (e) => this.log.warn(`${endpoint.name}: attempt ${e.attempt} failed (${e.error.message}); retrying in ${e.delayMs} ms`),
      },
    );
  }

  private embeddedBackend(path: string): Backend {
    let backend = this.embedded.get(path);
    if (!backend) this.embedded.set(path, (backend = createBackend({ kind: 'gguf', path }, { timeoutMs: this.settings.get('timeoutMs') })));
    return backend;
  }

  async resolve(id: string): Promise<ResolvedModel> {
    const choice = parseModelChoice(id);
    if (choice.kind === 'gguf') {
      const backend = this.embeddedBackend(choice.path);
      return { backend, model: (await backend.listModels())[0] ?? choice.path, label: `embedded ${choice.path}` };
    }
    const endpoint = this.endpoints()[choice.index];
    if (!endpoint) throw new Error(`no endpoint #${choice.index} in robustlens.endpoints`);
    return { backend: await this.backendFor(endpoint), model: choice.model, label: `${endpoint.name} (${endpoint.url})`, endpoint };
  }

  /** The models an endpoint lists, or why it did not answer. */
  async listModels(endpoint: EndpointSetting): Promise<{ ok: true; models: string[] } | { ok: false; reason: string }> {
    try {
      return { ok: true, models: await (await this.backendFor(endpoint)).listModels({ signal: AbortSignal.timeout(LIST_TIMEOUT_MS) }) };
    } catch (err) {
      return { ok: false, reason: errorMessage(err) };
    }
  }

  /** Every model the endpoints list, then the `.gguf` file; endpoints that do not answer are logged. */
  async choices(): Promise<QuickRunModelView[]> {
    const listed = await Promise.all(
      this.endpoints().map(async (endpoint, index) => {
        const result = await this.listModels(endpoint);
        if (!result.ok) {
          this.log.warn(`${endpoint.name} (${endpoint.url}) did not list its models: ${result.reason}`);
          return [];
        }
        return result.models.map((model) => ({ id: modelChoiceId({ kind: 'endpoint', index, model }), label: `${model} · ${endpoint.name}`, detail: `${endpoint.api} API at ${endpoint.url}` }));
      }),
    );
    const gguf = this.ggufPath();
    const embedded = gguf ? [{ id: modelChoiceId({ kind: 'gguf', path: gguf }), label: `${basename(gguf)} · embedded`, detail: `llama.cpp in-process: ${gguf}` }] : [];
    return [...listed.flat(), ...embedded];
  }

  async setApiKey(endpointName: string, key: string): Promise<void> {
    if (key) await this.secrets.store(apiKeySecret(endpointName), key);
    else await this.secrets.delete(apiKeySecret(endpointName));
  }

  dispose(): void {
    for (const backend of this.embedded.values()) {
      backend.close().catch((err: unknown) => this.log.warn(`could not free ${backend.location}: ${errorMessage(err)}`));
    }
  }
}

function apiKeySecret(endpointName: string): string {
  return `robustlens.apiKey.${endpointName}`;
}
