import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeNonce, webviewHtml } from './webviewHtml.js';

const input = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', scriptUri: 'https://x/dist/webview/main.js', styleUris: ['https://x/dist/webview/main.css'], title: 'RobustLens Inspector' };

function csp(html: string): string {
  return /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1]?.replace(/&#39;|&apos;/g, "'") ?? '';
}

test('every script carries the page nonce and the CSP allows only that nonce', () => {
  const html = webviewHtml({ ...input, nonce: 'abc123' });
  const policy = csp(html);
  assert.match(policy, /default-src 'none'/);
  assert.match(policy, /script-src 'nonce-abc123'(;|$)/);
  assert.doesNotMatch(policy, /unsafe-eval/);
  assert.doesNotMatch(policy, /script-src[^;]*unsafe-inline/);
  const scripts = html.match(/<script[^>]*>/g) ?? [];
  assert.equal(scripts.length, 1);
  assert.ok(scripts.every((s) => s.includes('nonce="abc123"')));
});

test('nonces are fresh, random and long enough', () => {
  const seen = new Set(Array.from({ length: 50 }, makeNonce));
  assert.equal(seen.size, 50);
  assert.ok([...seen].every((n) => n.length >= 24));
  assert.notEqual(csp(webviewHtml(input)), csp(webviewHtml(input)));
});

test('attribute values are escaped', () => {
  const html = webviewHtml({ ...input, title: '<img src=x onerror=alert(1)>', nonce: 'n' });
  assert.doesNotMatch(html, /<img/);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
});
