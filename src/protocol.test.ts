import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspectorHostEndpoint, inspectorWebviewEndpoint, RemoteError, type Envelope, type InspectorHostEndpoint, type InspectorModel, type InspectorWebviewEndpoint } from './protocol.js';

/** Host and webview wired back to back, as through postMessage; `sent` is every envelope, in order. */
function pair(): { host: InspectorHostEndpoint; webview: InspectorWebviewEndpoint; sent: Array<{ from: 'host' | 'webview'; envelope: Envelope }> } {
  const sent: Array<{ from: 'host' | 'webview'; envelope: Envelope }> = [];
  const host = inspectorHostEndpoint((envelope) => {
    sent.push({ from: 'host', envelope });
    void webview.receive(structuredClone(envelope));
  });
  const webview = inspectorWebviewEndpoint((envelope) => {
    sent.push({ from: 'webview', envelope });
    void host.receive(structuredClone(envelope));
  });
  return { host, webview, sent };
}

const settle = () => new Promise((r) => setImmediate(r));

const MODEL = { key: 'k', id: 'simple_1', run: 'r', model: 'm', split: 'clean' } as InspectorModel;

test('a request is answered with the reply that names its id', async () => {
  const { host, webview, sent } = pair();
  host.handle('ready', () => ({ type: 'ready', view: 'inspector', state: { model: null } }));
  const reply = await webview.request({ type: 'ready' });
  assert.deepEqual(reply, { type: 'ready', view: 'inspector', state: { model: null } });
  assert.equal(sent[0]?.envelope.kind, 'request');
  assert.deepEqual(sent[1]?.envelope, { kind: 'reply', inReplyTo: 1, body: reply });
});

test('nothing is sent before the ready reply: events wait for the handshake, which carries the state', async () => {
  const { host, webview, sent } = pair();
  const shown: string[] = [];
  webview.onEvent((e) => e.type === 'show' && shown.push(e.model.key));
  host.handle('ready', async () => {
    // The host tries to push while it is still building the reply: nothing may go out.
    assert.equal(host.event({ type: 'show', model: MODEL }), false);
    return { type: 'ready', view: 'inspector', state: { model: MODEL, focus: 'quickRun' } };
  });
  assert.equal(host.event({ type: 'show', model: MODEL }), false);
  await assert.rejects(webview.request({ type: 'navigate', target: 'nextFailure' }), (e: unknown) => e instanceof RemoteError && e.code === 'not-ready');
  assert.equal(sent.length, 0, 'no envelope may travel before the webview asks for ready');

  const ready = await webview.request({ type: 'ready' });
  assert.equal(ready.state.focus, 'quickRun');
  assert.deepEqual(
    sent.map((s) => `${s.from}:${s.envelope.kind}`),
    ['webview:request', 'host:reply'],
  );
  assert.equal(host.event({ type: 'show', model: MODEL }), true);
  await settle();
  assert.deepEqual(shown, ['k']);
});

test('a request that arrives before the handshake is refused, not handled', async () => {
  const host = inspectorHostEndpoint(() => undefined);
  const replies: Envelope[] = [];
  const early = inspectorHostEndpoint((e) => replies.push(e));
  let handled = false;
  early.handle('navigate', () => {
    handled = true;
    return { type: 'done' };
  });
  await early.receive({ kind: 'request', id: 7, body: { type: 'navigate', target: 'nextFailure' } });
  assert.equal(handled, false);
  assert.deepEqual(replies, [{ kind: 'reply', inReplyTo: 7, error: { message: '"navigate" came before the ready handshake', code: 'not-ready' } }]);
  assert.equal(host.isReady, false);
});

test('a new ready (the webview was hidden and shown again) starts a new handshake', async () => {
  const { host, webview, sent } = pair();
  let readies = 0;
  host.onReady(() => readies++);
  host.handle('ready', () => ({ type: 'ready', view: 'inspector', state: { model: null } }));
  await webview.request({ type: 'ready' });
  host.reset('hidden');
  assert.equal(host.event({ type: 'show', model: MODEL }), false);
  const before = sent.length;
  await webview.request({ type: 'ready' });
  assert.deepEqual(sent.slice(before).map((s) => s.envelope.kind), ['request', 'reply']);
  assert.equal(readies, 2);
  assert.equal(host.isReady, true);
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
  assert.equal(host.isReady, false, 'a failed ready is no handshake');
});

test('reset rejects requests still waiting', async () => {
  const webview = inspectorWebviewEndpoint(() => undefined);
  const waiting = webview.request({ type: 'ready' });
  webview.reset('panel disposed');
  await assert.rejects(waiting, /panel disposed/);
});

test('messages outside the maps and unions do not compile', () => {
  // Type-level checks: `npm run check-types` fails if any line below stops being an error.
  const check = (host: InspectorHostEndpoint, webview: InspectorWebviewEndpoint) => {
    // @ts-expect-error an event that is in no host→webview union
    host.event({ type: 'theme', kind: 'dark' });
    // @ts-expect-error a show event without its model
    host.event({ type: 'show' });
    // @ts-expect-error the webview sends no events
    webview.event({ type: 'show', model: MODEL });
    // @ts-expect-error a request type the host does not answer
    void webview.request({ type: 'refresh' });
    // @ts-expect-error navigate with a target that does not exist
    void webview.request({ type: 'navigate', target: 'nextPass' });
    // @ts-expect-error a handler whose reply does not match its request
    host.handle('quickRunOptions', () => ({ type: 'done' as const }));
    // @ts-expect-error the webview answers no requests
    webview.handle('navigate', () => ({ type: 'done' as const }));
    const options: Promise<{ types: unknown[] }> = webview.request({ type: 'quickRunOptions' });
    return options;
  };
  assert.equal(typeof check, 'function');
});
