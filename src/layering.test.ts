import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

const eslint = new ESLint();

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'fatal');
}

test('lint fails when src/core imports vscode', async () => {
  const ids = await ruleIdsFor('src/core/probe.ts', "import * as vscode from 'vscode';\nexport const w = vscode.window;\n");
  assert.ok(ids.includes('no-restricted-imports'), `got ${ids.join(', ')}`);
});

test('lint fails when src/core reaches into host code or the DOM', async () => {
  const host = await ruleIdsFor('src/core/probe.ts', "import { activate } from '../extension.js';\nexport const a = activate;\n");
  assert.ok(host.includes('no-restricted-imports'), `got ${host.join(', ')}`);
  const dom = await ruleIdsFor('src/core/probe.ts', 'export const t = document.title;\n');
  assert.ok(dom.includes('no-restricted-globals'), `got ${dom.join(', ')}`);
});

test('lint fails when the webview imports Node modules', async () => {
  const ids = await ruleIdsFor('webview/probe.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n");
  assert.ok(ids.includes('no-restricted-imports'), `got ${ids.join(', ')}`);
});

test('the same import is fine outside the core', async () => {
  const ids = await ruleIdsFor('src/probe.ts', "import * as vscode from 'vscode';\nexport const w = vscode.window;\n");
  assert.deepEqual(ids, []);
});

test('lint fails when production code imports a test helper, not when a test does', async () => {
  const source = "import { startFaultServer } from '../../test/support/faultServer.js';\nexport const s = startFaultServer;\n";
  assert.ok((await ruleIdsFor('src/core/probe.ts', source)).includes('no-restricted-imports'));
  assert.deepEqual(await ruleIdsFor('src/core/probe.test.ts', source), []);
});
