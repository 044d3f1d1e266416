// The module VS Code loads as `extensionTestsPath`: runs every *.test.js built beside it with mocha
// inside the extension host, and settles when they are done. The same bundle serves code-server
// (test/vscode/runIntegration.ts) and desktop VS Code (test/integration/runTest.ts).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { SUITE_BANNER } from './banner.js';

export async function run(): Promise<void> {
  // The launcher passes `--grep` through code-server's environment, which the extension host inherits.
  const mocha = new Mocha({ ui: 'tdd', timeout: 30_000, grep: process.env.ROBUSTLENS_TEST_GREP });
  const files = readdirSync(__dirname, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.test.js'));
  for (const file of files.sort()) mocha.addFile(join(__dirname, file));
  console.log(`${SUITE_BANNER} ${files.join(', ')}`);
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
