// Runs the tests that need a real VS Code (code-server): the extension-host integration tests and
// the browser end-to-end tests. Usage: tsx test/vscode/run.ts [integration] [e2e] [--grep <regexp>]
// Each part reports as it goes; the last line is `N passed, N failed` over all parts (CI reads it).
import { readdir, rm } from 'node:fs/promises';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { errorMessage } from '../../src/common/errorMessage.js';
import { runE2e } from './runE2e.js';
import { runIntegration } from './runIntegration.js';
import { summaryLine, type Counts } from './summary.js';
import { SCREENSHOT_DIR } from './workbench.js';

const PARTS: Record<string, (grep?: string) => Promise<Counts>> = { integration: runIntegration, e2e: runE2e };

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { grep: { type: 'string' } } });
  const unknown = positionals.filter((part) => !(part in PARTS));
  if (unknown.length > 0) throw new Error(`unknown part ${unknown.join(', ')}; known: ${Object.keys(PARTS).join(', ')}`);
  await rm(SCREENSHOT_DIR, { recursive: true, force: true });
  const total: Counts = { passed: 0, failed: 0 };
  for (const part of positionals.length > 0 ? positionals : Object.keys(PARTS)) {
    const started = Date.now();
    console.log(`== ${part}`);
    // A part that cannot run at all (no code-server, a stuck extension host) is one failure.
    const counts = await PARTS[part]!(values.grep).catch((error: unknown): Counts => {
      console.error(errorMessage(error));
      return { passed: 0, failed: 1 };
    });
    console.log(`== ${part}: ${summaryLine(counts)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    total.passed += counts.passed;
    total.failed += counts.failed;
  }
  const screenshots = await readdir(SCREENSHOT_DIR).catch(() => []);
  if (screenshots.length > 0) console.log(`${screenshots.length} screenshot(s) in ${relative(process.cwd(), SCREENSHOT_DIR)}`);
  console.log(summaryLine(total));
  process.exitCode = total.failed > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(errorMessage(error));
  console.log(summaryLine({ passed: 0, failed: 1 }));
  process.exitCode = 1;
});
