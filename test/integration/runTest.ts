// Runs the extension-host suite in desktop VS Code, which @vscode/test-electron downloads (so it
// needs the internet; CI runs the same suite in code-server: test/vscode/runIntegration.ts).
// Usage: npm run test:electron [-- --grep <regexp>]
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';
import { errorMessage } from '../../src/common/errorMessage.js';
import { copyFixture, EXTENSION_ROOT, INTEGRATION_SUITE } from '../vscode/workspace.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { grep: { type: 'string' } } });
  const workspace = await copyFixture('bfcl-run');
  try {
    await runTests({
      extensionDevelopmentPath: EXTENSION_ROOT,
      extensionTestsPath: INTEGRATION_SUITE,
      // The user's own extensions stay out of the run; the one under development still loads.
      launchArgs: [workspace.path, '--disable-extensions', '--disable-workspace-trust'],
      extensionTestsEnv: values.grep ? { ROBUSTLENS_TEST_GREP: values.grep } : {},
    });
  } finally {
    await workspace.remove();
  }
}

main().catch((error: unknown) => {
  console.error(errorMessage(error));
  process.exitCode = 1;
});
