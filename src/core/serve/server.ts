import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConversationError, ModelRequestError, type StreamingChatBackend } from '../model/index.js';
import type { ChatDialect } from './dialect.js';
import { HttpError, readJson, sendJson } from './httpIo.js';
import { ollamaDialect } from './ollamaDialect.js';
import { openaiDialect } from './openaiDialect.js';
import { newId } from './requestParts.js';
import { errorMessage } from '../../common/errorMessage.js';

export interface ModelServerOptions {
  backend: StreamingChatBackend;
  /** Defaults to 127.0.0.1: the server runs a model for whoever reaches it, so only this machine does. */
  host?: string;
  /** 0 (the default) lets the system pick a free port. */
  port?: number;
  /** Bytes of a request body; a larger one is refused with 413 (default 16 MiB). */
  maxBodyBytes?: number;
}

export interface RunningModelServer {
  /** `http://host:port`, without a path. */
  readonly url: string;
  /** Stops accepting connections, cancels the generations under way and waits for them to end. */
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * An OpenAI-compatible (`/v1/chat/completions`, `/v1/models`) and Ollama-compatible (`/api/chat`,
 * `/api/tags`, `/api/show`) HTTP server over a backend that generates in-process, so tools that
 * speak either dialect can use a `.gguf` file without another runtime installed.
 */
export async function startModelServer(options: ModelServerOptions): Promise<RunningModelServer> {
  const { backend } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const [model] = await backend.listModels();
  const { contextWindow } = await backend.contextInfo(model ?? '');
  const name = model ?? 'model';
  /** The exchanges under way, each with the way to cancel it. */
  const exchanges = new Map<Promise<void>, AbortController>();
  let closing = false;

  type Handler = (req: IncomingMessage, res: ServerResponse, signal: AbortSignal) => Promise<void> | void;
  const routes: Record<string, { method: 'GET' | 'POST'; handle: Handler }> = {
    '/v1/chat/completions': { method: 'POST', handle: (req, res, signal) => chat(openaiDialect, req, res, signal) },
    '/api/chat': { method: 'POST', handle: (req, res, signal) => chat(ollamaDialect, req, res, signal) },
    // max_model_len is vLLM's field for the context window; OpenAI-style clients read it there.
    '/v1/models': { method: 'GET', handle: (_, res) => sendJson(res, 200, { object: 'list', data: [{ id: name, object: 'model', created: 0, owned_by: 'robustlens', max_model_len: contextWindow }] }) },
    '/api/tags': { method: 'GET', handle: (_, res) => sendJson(res, 200, { models: [{ name, model: name, modified_at: new Date(0).toISOString(), size: 0, details: { format: 'gguf' } }] }) },
    '/api/show': {
      method: 'POST',
      handle: (_, res) => sendJson(res, 200, { model_info: { 'general.name': name, 'robustlens.context_length': contextWindow }, parameters: `num_ctx ${contextWindow}` }),
    },
  };

  async function chat(dialect: ChatDialect, req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<void> {
    const { request, stream, includeUsage } = dialect.parse(await readJson(req, maxBodyBytes));
    const context = { id: newId('chatcmpl-'), model: name, created: Math.floor(Date.now() / 1000) };
    const controller = new AbortController();
    signal.addEventListener('abort', () => controller.abort(), { once: true });
    // A client that hangs up stops the generation it asked for.
    res.on('close', () => controller.abort());
    const open = () => {
      if (res.headersSent) return;
      res.writeHead(200, { 'content-type': dialect.streamContentType, 'cache-control': 'no-cache' });
      res.write(dialect.streamStart(context));
    };
    try {
      // The stream opens with the first text, so an error before it still gets its status.
      const onText = stream ? (text: string) => (open(), res.write(dialect.streamText(text, context))) : undefined;
      const result = await backend.chat(request, { signal: controller.signal, ...(onText ? { onText } : {}) });
      if (!stream) return sendJson(res, 200, dialect.whole(result, context));
      open();
      for (const piece of dialect.streamEnd(result, context, includeUsage)) res.write(piece);
      res.end();
    } catch (err) {
      if (!res.headersSent) throw err;
      if (!res.writableEnded) res.end(dialect.streamError(closing ? 'the server is shutting down' : clientMessage(err)));
    }
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const route = routes[path];
    const dialect = path.startsWith('/api/') ? ollamaDialect : openaiDialect;
    const fail = (status: number, message: string): void => {
      if (res.headersSent) res.end();
      else sendJson(res, status, dialect.errorBody(message, status));
    };
    if (!route) return fail(404, `no route ${path}; this server has ${Object.keys(routes).join(', ')}`);
    if (req.method !== route.method) return fail(405, `${path} takes ${route.method}, not ${req.method}`);
    const controller = new AbortController();
    const exchange = Promise.resolve()
      .then(() => route.handle(req, res, controller.signal))
      .catch((err: unknown) => {
        const cancelled = err instanceof ModelRequestError && err.kind === 'aborted';
        if (cancelled && closing) return fail(503, 'the server is shutting down');
        // Otherwise its client left, and there is no one to answer.
        if (cancelled) return void res.end();
        fail(statusOf(err), clientMessage(err));
      })
      .finally(() => exchanges.delete(exchange));
    exchanges.set(exchange, controller);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const close = async () => {
    closing = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const controller of exchanges.values()) controller.abort();
    await Promise.allSettled(exchanges.keys());
    // Every answer is sent; keep-alive connections would otherwise hold the server open.
    server.closeAllConnections();
    await closed;
  };
  return { url: `http://${host}:${address.port}`, close };
}

function statusOf(err: unknown): number {
  if (err instanceof HttpError) return err.status;
  if (err instanceof ConversationError) return 400;
  if (err instanceof ModelRequestError) {
    if (err.kind === 'too_large') return 400;
    if (err.kind === 'timeout') return 504;
  }
  return 500;
}

/** What a client is told: the model's failure in words, without the runtime's internals. */
function clientMessage(err: unknown): string {
  return err instanceof ModelRequestError ? err.details.summary : errorMessage(err);
}
