import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chatCompletionsUrl, openAiRewriter } from './openaiRewriter.js';

/** A loopback HTTP server; `handle` decides each answer. */
async function serve(handle: (req: IncomingMessage, body: string, res: ServerResponse) => void): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => handle(req, body, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

test('the chat-completions URL is derived from a base URL or taken as given', () => {
  assert.equal(chatCompletionsUrl('http://h:8000/v1/'), 'http://h:8000/v1/chat/completions');
  assert.equal(chatCompletionsUrl('http://h:8000/v1/chat/completions'), 'http://h:8000/v1/chat/completions');
});

test('a rewrite is one chat completion: instruction as system, text as user, temperature 0', async () => {
  let seen: { path?: string; body?: unknown; auth?: string } = {};
  const server = await serve((req, body, res) => {
    seen = { path: req.url, body: JSON.parse(body), auth: req.headers.authorization };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'Reworded text.' } }] }));
  });
  try {
    const rewriter = openAiRewriter({ endpoint: server.url, model: 'qwen2.5-7b', apiKey: 'k' });
    assert.equal(rewriter.id, 'qwen2.5-7b');
    assert.equal(await rewriter.rewrite({ instruction: 'Do it.', text: 'Some text.', attempt: 1 }), 'Reworded text.');
    assert.equal(seen.path, '/v1/chat/completions');
    assert.equal(seen.auth, 'Bearer k');
    assert.deepEqual(seen.body, {
      model: 'qwen2.5-7b',
      temperature: 0,
      messages: [{ role: 'system', content: 'Do it.' }, { role: 'user', content: 'Some text.' }],
    });
  } finally {
    await server.close();
  }
});

test('an HTTP error names the URL, the status and the start of the body', async () => {
  const server = await serve((_req, _body, res) => {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"model \\"nope\\" not found"}');
  });
  try {
    const rewriter = openAiRewriter({ endpoint: server.url, model: 'nope' });
    await assert.rejects(rewriter.rewrite({ instruction: 'i', text: 't', attempt: 1 }), (err: Error) => {
      assert.match(err.message, new RegExp(`${server.url}/chat/completions failed: HTTP 404: \\{"error":"model`));
      return true;
    });
  } finally {
    await server.close();
  }
});

test('a server that never answers times out with a clear message; a body without choices is refused', async () => {
  const silent = await serve(() => undefined);
  try {
    await assert.rejects(openAiRewriter({ endpoint: silent.url, model: 'm', timeoutMs: 150 }).rewrite({ instruction: 'i', text: 't', attempt: 1 }), /timed out after 0.15s/);
  } finally {
    await silent.close();
  }
  const odd = await serve((_req, _body, res) => res.end('{"result":"x"}'));
  try {
    await assert.rejects(openAiRewriter({ endpoint: odd.url, model: 'm' }).rewrite({ instruction: 'i', text: 't', attempt: 1 }), /without choices\[0\]\.message\.content/);
  } finally {
    await odd.close();
  }
});
