// Runs every unit test in plain Node with the built-in test runner: the core's and the hosts'
// (src/**/*.test.ts), the webview's pure logic (webview/**/*.test.ts) and the test tooling's own
// (test/support/**/*.test.ts). Node 20's `--test` takes no globs, so the files are listed here.
// Extra args filter by path.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const filters = process.argv.slice(2);
const ROOTS = ['src', 'webview', join('test', 'support')];
const files = ROOTS.flatMap((root) =>
  readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join(root, f)),
)
  .filter((f) => filters.length === 0 || filters.some((p) => f.includes(p)))
  .sort();

if (files.length === 0) {
  console.error('no unit test files found');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
