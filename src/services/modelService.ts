import { basename } from 'node:path';
import * as vscode from 'vscode';
import { errorMessage } from '../common/errorMessage.js';
import { createBackend, type Backend } from '../core/model/index.js';
import type { QuickRunModelView } from '../protocol.js';
import { modelChoiceId, parseModelChoice, unavailableEndpointId } from './modelChoice.js';
import type { Settings } from './settings.js';
import type { EndpointSetting } from './settingsSchema.js';

/** How long a server may take to list its models before it counts as not answering. */
const LIST_TIMEOUT_MS = 5_000;
/** How often endpoints that did not answer are asked again while a view shows the models: often enough to see a server come up, never in a tight loop. */
const RECHECK_DOWN_MS = 5_000;

/** What an endpoint said when last asked: the models it lists, or why it did not answer. */
export type EndpointState = { endpoint: EndpointSetting; ok: true; models: string[] } | { endpoint: EndpointSetting; ok: false; reason: string };

function endpointKey(endpoint: EndpointSetting): string {
  return JSON.stringify([endpoint.name, endpoint.url, endpoint.api]);
}

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
  /** Per endpoint, what it said last (`down`, or `up` with its models), to tell when that changes. */
  private readonly lastSeen = new Map<string, string>();
  private readonly endpointChanged = new vscode.EventEmitter<EndpointState>();
  /** An endpoint came up, went down, or lists other models than when it was last asked. */
  readonly onDidChangeEndpoint = this.endpointChanged.event;
  private watchers = 0;
  private recheck: NodeJS.Timeout | undefined;

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

  /** The models an endpoint lists, or why it did not answer; a change since it was last asked is announced. */
  async listModels(endpoint: EndpointSetting): Promise<EndpointState> {
    let state: EndpointState;
    try {
      state = { endpoint, ok: true, models: await (await this.backendFor(endpoint)).listModels({ signal: AbortSignal.timeout(LIST_TIMEOUT_MS) }) };
    } catch (err) {
      state = { endpoint, ok: false, reason: errorMessage(err) };
    }
    const key = endpointKey(endpoint);
    const seen = state.ok ? `up:${JSON.stringify(state.models)}` : 'down';
    const before = this.lastSeen.get(key);
    this.lastSeen.set(key, seen);
    if (before !== undefined && before !== seen) this.endpointChanged.fire(state);
    return state;
  }

  /** Every endpoint, asked at once. */
  checkAll(): Promise<EndpointState[]> {
    return Promise.all(this.endpoints().map((endpoint) => this.listModels(endpoint)));
  }

  /**
   * While the returned disposable lives, endpoints that did not answer are asked again every few
   * seconds, so a server that comes up is seen (through `onDidChangeEndpoint`) without a click.
   */
  watchDownEndpoints(): vscode.Disposable {
    this.watchers++;
    this.scheduleRecheck();
    return new vscode.Disposable(() => {
      this.watchers--;
      if (this.watchers > 0) return;
      clearTimeout(this.recheck);
      this.recheck = undefined;
    });
  }

  /** One recheck at a time: the next is scheduled when the last has answered. */
  private scheduleRecheck(): void {
    if (this.recheck || this.watchers === 0) return;
    this.recheck = setTimeout(() => {
      const down = this.endpoints().filter((e) => this.lastSeen.get(endpointKey(e)) === 'down');
      void Promise.all(down.map((e) => this.listModels(e))).finally(() => {
        this.recheck = undefined;
        this.scheduleRecheck();
      });
    }, RECHECK_DOWN_MS);
  }

  /**
   * Every model the endpoints list, then the `.gguf` file. An endpoint that does not answer stays
   * in the list, with the reason, as an entry that cannot be picked.
   */
  async choices(): Promise<QuickRunModelView[]> {
    const listed = await Promise.all(
      this.endpoints().map(async (endpoint, index): Promise<QuickRunModelView[]> => {
        const result = await this.listModels(endpoint);
        const detail = `${endpoint.api} API at ${endpoint.url}`;
        if (!result.ok) {
          this.log.warn(`${endpoint.name} (${endpoint.url}) did not list its models: ${result.reason}`);
          return [{ id: unavailableEndpointId(index), label: `${endpoint.name} · not answering`, detail, unavailable: result.reason }];
        }
        return result.models.map((model) => ({ id: modelChoiceId({ kind: 'endpoint', index, model }), label: `${model} · ${endpoint.name}`, detail }));
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
    clearTimeout(this.recheck);
    this.endpointChanged.dispose();
    for (const backend of this.embedded.values()) {
      backend.close().catch((err: unknown) => this.log.warn(`could not free ${backend.location}: ${errorMessage(err)}`));
    }
  }
}

function apiKeySecret(endpointName: string): string {
  return `robustlens.apiKey.${endpointName}`;
}
