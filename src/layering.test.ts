import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

const eslint = new ESLint();

/** The rules lint reports for `code` as if it were the file at `filePath`. */
async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'fatal');
}

const importOf = (specifier: string) => `import { x } from '${specifier}';\nexport const y = x;\n`;
const typeImportOf = (specifier: string) => `import type { X } from '${specifier}';\nexport type Y = X;\n`;

/**
 * Probes: a file placed in a zone and one import. `fails` says whether lint must refuse it. Every
 * zone has at least one probe that must fail (the arrows it may not draw) and one that must pass.
 */
const PROBES: Array<{ zone: string; file: string; code: string; fails: boolean; why: string }> = [
  // src/core: pure, no VS Code, no host layers, no DOM, other modules through their index.ts.
  { zone: 'core', file: 'src/core/model/probe.ts', code: importOf('vscode'), fails: true, why: 'core imports vscode' },
  { zone: 'core', file: 'src/core/model/probe.ts', code: importOf('../../extension.js'), fails: true, why: 'core imports the extension' },
  { zone: 'core', file: 'src/core/model/probe.ts', code: importOf('../../services/settings.js'), fails: true, why: 'core imports a service' },
  { zone: 'core', file: 'src/core/model/probe.ts', code: importOf('../../views/inspectorPanel.js'), fails: true, why: 'core imports a view' },
  { zone: 'core', file: 'src/core/model/probe.ts', code: importOf('../../cli/options.js'), fails: true, why: 'core imports the CLI' },
  { zone: 'core', file: 'src/core/model/probe.ts', code: importOf('../../protocol.js'), fails: true, why: 'core imports protocol values' },
  { zone: 'core', file: 'src/core/model/probe.ts', code: typeImportOf('../../protocol.js'), fails: false, why: 'core imports protocol types' },
  { zone: 'core', file: 'src/core/model/probe.ts', code: 'export const t = document.title;\n', fails: true, why: 'core uses the DOM' },
  { zone: 'core', file: 'src/core/model/probe.ts', code: importOf('../formats/lineScanner.js'), fails: true, why: 'core enters another module past its index' },
  { zone: 'core', file: 'src/core/score/bfcl/probe.ts', code: importOf('../../formats/jsonl.js'), fails: true, why: 'a nested core file enters another module past its index' },
  { zone: 'core', file: 'src/core/score/bfcl/checker/probe.ts', code: importOf('../../../schema/case.js'), fails: true, why: 'a deeper core file enters another module past its index' },
  { zone: 'core', file: 'src/core/model/probe.ts', code: importOf('../formats/index.js'), fails: false, why: 'core enters another module through its index' },
  { zone: 'core', file: 'src/core/score/bfcl/probe.ts', code: importOf('../plainMatch.js'), fails: false, why: 'core reaches a file of its own module' },
  { zone: 'core', file: 'src/core/model/probe.ts', code: importOf('../../../test/support/faultServer.js'), fails: true, why: 'core imports a test helper' },
  { zone: 'core', file: 'src/core/model/probe.test.ts', code: importOf('../../../test/support/faultServer.js'), fails: false, why: 'a core test imports a test helper' },
  { zone: 'core', file: 'src/core/model/probe.test.ts', code: importOf('../formats/lineScanner.js'), fails: false, why: 'a core test reaches into another module' },
  // src/common: a leaf.
  { zone: 'common', file: 'src/common/probe.ts', code: importOf('../core/formats/index.js'), fails: true, why: 'common imports core' },
  { zone: 'common', file: 'src/common/probe.ts', code: importOf('node:fs'), fails: true, why: 'common imports Node' },
  { zone: 'common', file: 'src/common/probe.ts', code: importOf('./errorMessage.js'), fails: false, why: 'common imports itself' },
  // src/protocol.ts: shared with the browser.
  { zone: 'protocol', file: 'src/protocol.ts', code: importOf('node:fs'), fails: true, why: 'protocol imports Node' },
  { zone: 'protocol', file: 'src/protocol.ts', code: importOf('./core/index/index.js'), fails: true, why: 'protocol imports core' },
  { zone: 'protocol', file: 'src/protocol.ts', code: importOf('vscode'), fails: true, why: 'protocol imports vscode' },
  { zone: 'protocol', file: 'src/protocol.ts', code: importOf('./common/errorMessage.js'), fails: false, why: 'protocol imports common' },
  // src/services: core, protocol and vscode; no views, commands, CLI or extension.
  { zone: 'services', file: 'src/services/probe.ts', code: importOf('../views/resultsTree.js'), fails: true, why: 'a service imports a view' },
  { zone: 'services', file: 'src/services/probe.ts', code: importOf('../commands/filterCommands.js'), fails: true, why: 'a service imports a command' },
  { zone: 'services', file: 'src/services/probe.ts', code: importOf('../core/model/embedded.js'), fails: true, why: 'a service enters core past an index' },
  { zone: 'services', file: 'src/services/probe.ts', code: importOf('../core/model/index.js'), fails: false, why: 'a service uses a core module' },
  { zone: 'services', file: 'src/services/probe.ts', code: importOf('vscode'), fails: false, why: 'a service uses vscode' },
  // src/views: no commands, CLI or extension.
  { zone: 'views', file: 'src/views/probe.ts', code: importOf('../commands/inspectorCommands.js'), fails: true, why: 'a view imports a command' },
  { zone: 'views', file: 'src/views/probe.ts', code: importOf('../extension.js'), fails: true, why: 'a view imports the extension' },
  { zone: 'views', file: 'src/views/probe.ts', code: importOf('../services/resultsService.js'), fails: false, why: 'a view uses a service' },
  // src/commands: no CLI, extension or webview.
  { zone: 'commands', file: 'src/commands/probe.ts', code: importOf('../cli/options.js'), fails: true, why: 'a command imports the CLI' },
  { zone: 'commands', file: 'src/commands/probe.ts', code: importOf('../extension.js'), fails: true, why: 'a command imports the extension' },
  { zone: 'commands', file: 'src/commands/probe.ts', code: importOf('../views/inspectorPanel.js'), fails: false, why: 'a command uses a view' },
  // src/extension.ts: the composition root; no CLI, no webview.
  { zone: 'extension', file: 'src/extension.ts', code: importOf('./cli/options.js'), fails: true, why: 'the extension imports the CLI' },
  { zone: 'extension', file: 'src/extension.ts', code: importOf('./core/index/resultIndex.js'), fails: true, why: 'the extension enters core past an index' },
  { zone: 'extension', file: 'src/extension.ts', code: importOf('./commands/filterCommands.js'), fails: false, why: 'the extension registers commands' },
  // src/cli: core only; no VS Code, no host layers, no protocol.
  { zone: 'cli', file: 'src/cli/probe.ts', code: importOf('vscode'), fails: true, why: 'the CLI imports vscode' },
  { zone: 'cli', file: 'src/cli/probe.ts', code: importOf('../views/resultsTree.js'), fails: true, why: 'the CLI imports a view' },
  { zone: 'cli', file: 'src/cli/probe.ts', code: importOf('../services/settings.js'), fails: true, why: 'the CLI imports a service' },
  { zone: 'cli', file: 'src/cli/probe.ts', code: importOf('../protocol.js'), fails: true, why: 'the CLI imports protocol' },
  { zone: 'cli', file: 'src/cli.ts', code: importOf('./extension.js'), fails: true, why: 'the CLI entry imports the extension' },
  { zone: 'cli', file: 'src/cli/probe.ts', code: importOf('../core/run/runner.js'), fails: true, why: 'the CLI enters core past an index' },
  { zone: 'cli', file: 'src/cli/probe.ts', code: importOf('../core/run/index.js'), fails: false, why: 'the CLI uses a core module' },
  // webview: the browser; protocol and common only.
  { zone: 'webview', file: 'webview/probe.ts', code: importOf('node:fs'), fails: true, why: 'the webview imports Node' },
  { zone: 'webview', file: 'webview/probe.ts', code: importOf('vscode'), fails: true, why: 'the webview imports vscode' },
  { zone: 'webview', file: 'webview/probe.ts', code: importOf('../src/extension'), fails: true, why: 'the webview imports the extension' },
  { zone: 'webview', file: 'webview/inspector/probe.ts', code: importOf('../../src/cli'), fails: true, why: 'the webview imports the CLI' },
  { zone: 'webview', file: 'webview/probe.ts', code: importOf('../src/core/index/index.js'), fails: true, why: 'the webview imports core' },
  { zone: 'webview', file: 'webview/inspector/probe.ts', code: importOf('../../src/protocol'), fails: false, why: 'the webview imports protocol' },
  { zone: 'webview', file: 'webview/probe.ts', code: importOf('../src/common/errorMessage'), fails: false, why: 'the webview imports common' },
  { zone: 'webview', file: 'webview/inspector/probe.test.ts', code: importOf('node:assert/strict'), fails: false, why: 'a webview unit test runs in Node' },
];

for (const zone of new Set(PROBES.map((p) => p.zone))) {
  test(`lint zone ${zone}: every forbidden arrow fails, every allowed one passes`, async () => {
    const probes = PROBES.filter((p) => p.zone === zone);
    assert.ok(probes.some((p) => p.fails) && probes.some((p) => !p.fails), `${zone} needs probes both ways`);
    for (const probe of probes) {
      const ids = await ruleIdsFor(probe.file, probe.code);
      const refused = ids.some((id) => id.startsWith('no-restricted-'));
      assert.equal(refused, probe.fails, `${probe.why} (${probe.file}): lint reported [${ids.join(', ')}]`);
    }
  });
}
