// Runs the browser end-to-end tests (test/e2e/*.e2e.ts, node:test) one file at a time: each file
// starts its own code-server and chromium, and two at once would starve a 2-core machine.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { DEFAULT_DEMO_WORKSPACE, prepareDemo } from '../../scripts/prepare-demo.js';
import type { Counts } from './summary.js';
import { EXTENSION_ROOT } from './workspace.js';

const E2E_DIR = join(EXTENSION_ROOT, 'test', 'e2e');
/** Backstop for a whole file; its tests carry their own, shorter timeouts. */
const FILE_TIMEOUT_MS = 300_000;

/** Runs every e2e file, streaming the spec report; `grep` selects tests by name. */
export async function runE2e(grep?: string): Promise<Counts> {
  const files = readdirSync(E2E_DIR)
    .filter((file) => file.endsWith('.e2e.ts'))
    .sort()
    .map((file) => join(E2E_DIR, file));
  const counts: Counts = { passed: 0, failed: 0 };
  // Several files open the demo; it is prepared (or found up to date) once, before any file's
  // timeout starts: on a fresh machine the tiny model answers every case first, for minutes.
  await prepareDemo({ workspace: DEFAULT_DEMO_WORKSPACE, onProgress: (line) => console.log(line) });
  // The files run in child processes that inherit this one's loader flags (tsx).
  const stream = run({ files, concurrency: 1, timeout: FILE_TIMEOUT_MS, testNamePatterns: grep });
  stream.on('test:pass', ({ details, skip, todo }) => {
    if (details.type !== 'suite' && !skip && !todo) counts.passed += 1;
  });
  stream.on('test:fail', ({ details, todo }) => {
    if (details.type !== 'suite' && !todo) counts.failed += 1;
  });
  for await (const chunk of stream.compose(new spec())) process.stdout.write(chunk);
  return counts;
}
