// A long fuzzing run: every unit test file with property tests (those that take their settings
// from test/support/fuzz.ts), with SCALE times the CI's inputs per property, once per seed.
// Usage: npm run fuzz -- [--scale N] [--seeds 1,2,3]   (defaults: scale 20, seeds 1..5)
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '20' }, seeds: { type: 'string', default: '1,2,3,4,5' } } });
const seeds = values.seeds.split(',').map((s) => s.trim()).filter(Boolean);
const files = ['src', 'webview', join('test', 'support')]
  .flatMap((root) => readdirSync(root, { recursive: true, encoding: 'utf8' }).map((f) => join(root, f)))
  .filter((f) => f.endsWith('.test.ts') && readFileSync(f, 'utf8').includes('test/support/fuzz.js'))
  .sort();

console.log(`fuzzing ${files.length} test files, ${values.scale}× the CI inputs per property, seeds ${seeds.join(', ')}`);
let failed = false;
for (const seed of seeds) {
  const env = { ...process.env, ROBUSTLENS_FUZZ_SEED: seed, ROBUSTLENS_FUZZ_SCALE: values.scale };
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=dot', '--test-concurrency=2', ...files], { stdio: 'inherit', env });
  console.log(`seed ${seed}: ${result.status === 0 ? 'passed' : 'FAILED'}`);
  failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);
