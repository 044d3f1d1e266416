import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageEndpoint, RemoteError, type Envelope } from './protocol.js';

/** Two endpoints wired back to back, as host and webview are through postMessage. */
function pair(): { host: MessageEndpoint; webview: MessageEndpoint; sent: Envelope[] } {
  const sent: Envelope[] = [];
  // eslint-disable-next-line prefer-const
  let webview: MessageEndpoint;
  const host = new MessageEndpoint((e) => {
    sent.push(e);
    void webview.receive(structuredClone(e));
  });
  webview = new MessageEndpoint((e) => {
    sent.push(e);
    void host.receive(structuredClone(e));
  });
  return { host, webview, sent };
}

test('a request is answered with the reply that names its id', async () => {
  const { host, webview, sent } = pair();
  host.handle('ready', () => ({ type: 'ready', view: 'inspector', state: { id: 'x' } }));
  const reply = await webview.request({ type: 'ready' });
  assert.deepEqual(reply, { type: 'ready', view: 'inspector', state: { id: 'x' } });
  assert.equal(sent[0]?.kind, 'request');
  assert.deepEqual(sent[1] && 'inReplyTo' in sent[1] ? sent[1].inReplyTo : undefined, 1);
});

test('an unknown request type gets an error reply, never silence', async () => {
  const { webview } = pair();
  await assert.rejects(webview.request({ type: 'ready' }), (e: unknown) => e instanceof RemoteError && e.code === 'method-not-found');
});

test('a handler that throws rejects the caller with its message', async () => {
  const { host, webview } = pair();
  host.handle('ready', () => {
    throw new Error('index not loaded');
  });
  await assert.rejects(webview.request({ type: 'ready' }), /index not loaded/);
});

test('closing rejects requests still waiting, and events reach listeners', async () => {
  const lost = new MessageEndpoint(() => undefined);
  const waiting = lost.request({ type: 'ready' });
  lost.close('panel disposed');
  await assert.rejects(waiting, /panel disposed/);

  const { host, webview } = pair();
  const seen: unknown[] = [];
  webview.onEvent((b) => seen.push(b));
  host.event({ type: 'theme', kind: 'dark' });
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(seen, [{ type: 'theme', kind: 'dark' }]);
});
