// Runs the extension-host tests inside code-server: VS Code loads out/test/suite/index.js (built by
// `node esbuild.mjs test`) as `extensionTestsPath`, mocha's report comes back through the workbench
// log, and the extension host's exit code is the suite's result.
import { existsSync } from 'node:fs';
import { SUITE_BANNER } from '../integration/suite/banner.js';
import { launchVsCode, type VsCode } from './session.js';
import type { Counts } from './summary.js';
import { copyFixture, INTEGRATION_SUITE } from './workspace.js';

/** Silence after which the run counts as stuck; mocha's per-test timeout fails a hung test sooner. */
const QUIET_LIMIT_MS = 120_000;

/** The extension host's exit code, or a rejection once it has been silent for QUIET_LIMIT_MS. */
function exitOrSilence(vscode: VsCode, lastReportAt: () => number): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const silence = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      if (Date.now() - lastReportAt() < QUIET_LIMIT_MS) return;
      reject(new Error(`the extension host reported nothing for ${QUIET_LIMIT_MS / 1000} s and has not exited; last log lines:\n${vscode.recentLog()}`));
    }, 1_000);
  });
  return Promise.race([vscode.extensionHostExit, silence]).finally(() => clearInterval(timer));
}

/** Runs the suite, streaming its output; `grep` selects tests by title, as mocha's --grep. */
export async function runIntegration(grep?: string): Promise<Counts> {
  if (!existsSync(INTEGRATION_SUITE)) throw new Error(`${INTEGRATION_SUITE} is missing; build it with \`node esbuild.mjs test\``);
  const counts: Counts = { passed: 0, failed: 0 };
  let started = false;
  let lastReportAt = Date.now();
  const onLog = (_level: string, message: string) => {
    lastReportAt = Date.now();
    started ||= message.startsWith(SUITE_BANNER);
    if (!started) return;
    console.log(message);
    const summary = /^\s*(\d+) (passing|failing)\b/.exec(message);
    if (summary) counts[summary[2] === 'passing' ? 'passed' : 'failed'] = Number(summary[1]);
  };

  const workspace = await copyFixture('bfcl-run');
  let vscode: VsCode | undefined;
  try {
    vscode = await launchVsCode({
      folder: workspace.path,
      extensionTestsPath: INTEGRATION_SUITE,
      onLog,
      env: grep ? { ROBUSTLENS_TEST_GREP: grep } : {},
    });
    const code = await exitOrSilence(vscode, () => lastReportAt);
    if (code !== 0 && counts.failed === 0) {
      // The suite broke outside any test (a load error, a throwing `run`): one failure, with context.
      console.log(`the extension host exited with code ${code} before mocha reported a failure; last log lines:\n${vscode.recentLog()}`);
      counts.failed = 1;
    }
    return counts;
  } finally {
    await vscode?.close();
    await workspace.remove();
  }
}
