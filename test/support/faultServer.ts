// A model server on loopback that misbehaves on cue: it speaks the OpenAI chat-completions and
// the Ollama dialects, answers each chat request with the next scripted behaviour (a normal answer
// once the script is used up), and records every request so tests can check what was sent.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedCall {
  name: string;
  /** Text is sent as it is, so a test can send arguments that are not JSON. */
  arguments: Record<string, unknown> | string;
}

function argumentsText(call: ScriptedCall): string {
  return typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
}

export type Behaviour =
  /** A normal answer: text, calls, or both (streamed when the request asks for a stream). */
  | { kind: 'answer'; content?: string; calls?: ScriptedCall[]; finishReason?: string }
  /** Accept the request and never answer, until the client gives up. */
  | { kind: 'hang' }
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  /** 200 with a body that is not JSON. */
  | { kind: 'malformed' }
  /** Start the answer as a stream, then drop the connection mid-way. */
  | { kind: 'cutStream' }
  /** 200 with a JSON body of about `bytes` bytes, sent without a Content-Length. */
  | { kind: 'oversized'; bytes: number };

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  headers: IncomingMessage['headers'];
  /** performance.now() when the request arrived. */
  at: number;
}

export interface FaultServerOptions {
  /** Names for /v1/models and /api/tags. */
  models?: string[];
  /** llama-server's `/props` n_ctx; without it `/props` is 404, as on vLLM and Ollama. */
  nCtx?: number;
  /** Ollama `/api/show`: the trained context length, and a Modelfile `num_ctx` if any. */
  contextLength?: number;
  numCtx?: number;
  /** Every chat request is answered this much later: a slow server, for runs that must be caught mid-way. */
  answerDelayMs?: number;
}

export interface FaultServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Behaviours for the next chat requests, in order. */
  script(...behaviours: Behaviour[]): void;
  close(): Promise<void>;
}

const DEFAULT_ANSWER: Behaviour = { kind: 'answer', content: 'ok' };

export async function startFaultServer(options: FaultServerOptions = {}): Promise<FaultServer> {
  const queue: Behaviour[] = [];
  const requests: RecordedRequest[] = [];
  const models = options.models ?? ['tiny'];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      requests.push({ method: req.method ?? 'GET', path, body, headers: req.headers, at: performance.now() });
      route(path, body, req, res);
    });
  });

  function route(path: string, body: unknown, req: IncomingMessage, res: ServerResponse): void {
    const request = (body ?? {}) as { stream?: boolean; model?: string };
    const answer = (dialect: Dialect) => {
      const behaviour = queue.shift() ?? DEFAULT_ANSWER;
      if (options.answerDelayMs) setTimeout(() => behave(behaviour, dialect, req, res), options.answerDelayMs);
      else behave(behaviour, dialect, req, res);
    };
    switch (path) {
      case '/v1/chat/completions':
        return answer(openAiDialect(request.model, request.stream === true));
      case '/api/chat':
        // Ollama streams unless told not to.
        return answer(ollamaDialect(request.model, request.stream !== false));
      case '/v1/models':
        return json(res, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', owned_by: 'fault-server' })) });
      case '/api/tags':
        return json(res, 200, { models: models.map((name) => ({ name, model: name, size: 1 })) });
      case '/api/show':
        return json(res, 200, {
          model_info: { 'general.architecture': 'llama', ...(options.contextLength ? { 'llama.context_length': options.contextLength } : {}) },
          parameters: options.numCtx ? `num_ctx                        ${options.numCtx}\nstop                           "<|im_end|>"` : 'stop "<|im_end|>"',
        });
      case '/props':
        if (options.nCtx) return json(res, 200, { default_generation_settings: { n_ctx: options.nCtx } });
        return json(res, 404, { error: { code: 404, message: 'File Not Found', type: 'not_found_error' } });
      default:
        return json(res, 404, { error: `no route for ${path}` });
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...behaviours) => queue.push(...behaviours),
    close: () => closeServer(server),
  };
}

/** A URL on loopback where nothing listens: connections to it are refused. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await closeServer(server);
  return `http://127.0.0.1:${port}`;
}

/** How one dialect writes a normal answer, whole or as a stream. */
interface Dialect {
  stream: boolean;
  contentType: string;
  whole(answer: Answer): unknown;
  /** The stream's pieces, each written as it is (already framed: SSE event or NDJSON line). */
  pieces(answer: Answer): string[];
}

type Answer = Extract<Behaviour, { kind: 'answer' }>;

function openAiDialect(model = 'tiny', stream: boolean): Dialect {
  const base = { id: 'chatcmpl-fault', created: 1, model };
  const finish = (a: Answer) => a.finishReason ?? (a.calls?.length ? 'tool_calls' : 'stop');
  const usage = { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 };
  const event = (chunk: unknown) => `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', ...(chunk as object) })}\n\n`;
  return {
    stream,
    contentType: stream ? 'text/event-stream' : 'application/json',
    whole: (a) => ({
      ...base,
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: a.content ?? null,
            ...(a.calls?.length
              ? { tool_calls: a.calls.map((c, i) => ({ id: `call_${i}`, type: 'function', function: { name: c.name, arguments: argumentsText(c) } })) }
              : {}),
          },
          finish_reason: finish(a),
        },
      ],
      usage,
    }),
    pieces: (a) => [
      event({ choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }),
      ...splitText(a.content ?? '').map((content) => event({ choices: [{ index: 0, delta: { content }, finish_reason: null }] })),
      ...(a.calls ?? []).flatMap((c, index) => [
        event({ choices: [{ index: 0, delta: { tool_calls: [{ index, id: `call_${index}`, type: 'function', function: { name: c.name, arguments: '' } }] } }] }),
        // Arguments arrive in pieces, as real servers send them.
        ...splitText(argumentsText(c)).map((part) => event({ choices: [{ index: 0, delta: { tool_calls: [{ index, function: { arguments: part } }] } }] })),
      ]),
      event({ choices: [{ index: 0, delta: {}, finish_reason: finish(a) }] }),
      event({ choices: [], usage }),
      'data: [DONE]\n\n',
    ],
  };
}

function ollamaDialect(model = 'tiny', stream: boolean): Dialect {
  const base = { model, created_at: '2025-01-01T00:00:00Z' };
  const calls = (a: Answer) => (a.calls?.length ? { tool_calls: a.calls.map((c) => ({ function: { name: c.name, arguments: c.arguments } })) } : {});
  const done = (a: Answer) => ({ done: true, done_reason: a.finishReason ?? 'stop', prompt_eval_count: 12, eval_count: 7 });
  const line = (value: unknown) => `${JSON.stringify({ ...base, ...(value as object) })}\n`;
  return {
    stream,
    contentType: stream ? 'application/x-ndjson' : 'application/json',
    whole: (a) => ({ ...base, message: { role: 'assistant', content: a.content ?? '', ...calls(a) }, ...done(a) }),
    pieces: (a) => [
      ...splitText(a.content ?? '').map((content) => line({ message: { role: 'assistant', content }, done: false })),
      ...(a.calls?.length ? [line({ message: { role: 'assistant', content: '', ...calls(a) }, done: false })] : []),
      line({ message: { role: 'assistant', content: '' }, ...done(a) }),
    ],
  };
}

function behave(behaviour: Behaviour, dialect: Dialect, req: IncomingMessage, res: ServerResponse): void {
  switch (behaviour.kind) {
    case 'answer':
      if (!dialect.stream) return json(res, 200, dialect.whole(behaviour));
      res.writeHead(200, { 'content-type': dialect.contentType });
      for (const piece of dialect.pieces(behaviour)) res.write(piece);
      return void res.end();
    case 'hang':
      return;
    case 'status': {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (behaviour.retryAfter !== undefined) headers['retry-after'] = behaviour.retryAfter;
      res.writeHead(behaviour.status, headers);
      return void res.end(behaviour.body ?? JSON.stringify({ error: { message: `scripted ${behaviour.status}` } }));
    }
    case 'malformed':
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('{"choices": [{"message": {"role": "assistant", "content": "cut');
    case 'cutStream': {
      const pieces = dialect.pieces({ kind: 'answer', content: 'partial answer that never ends', calls: [{ name: 'f', arguments: { a: 1 } }] });
      res.writeHead(200, { 'content-type': dialect.contentType });
      for (const piece of pieces.slice(0, 3)) res.write(piece);
      // Let the pieces reach the client, then drop the connection as a crashed server would.
      return void setTimeout(() => req.socket.destroy(), 20);
    }
    case 'oversized': {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"choices": [{"message": {"role": "assistant", "content": "');
      writeFiller(res, behaviour.bytes);
      return;
    }
  }
}

/** Writes `bytes` of filler as fast as the client reads, then closes the JSON. Stops if the client leaves. */
function writeFiller(res: ServerResponse, bytes: number): void {
  const chunk = 'x'.repeat(64 * 1024);
  let left = bytes;
  const pump = (): void => {
    while (left > 0 && !res.destroyed) {
      left -= chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end('"}, "finish_reason": "stop"}]}');
  };
  res.on('error', () => undefined);
  pump();
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

function splitText(text: string): string[] {
  if (!text) return [];
  const third = Math.ceil(text.length / 3);
  return [text.slice(0, third), text.slice(third, 2 * third), text.slice(2 * third)].filter(Boolean);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Hanging requests would otherwise keep close() waiting forever.
    server.closeAllConnections();
  });
}

