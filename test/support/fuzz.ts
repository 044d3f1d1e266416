// The one place property tests take their fast-check settings from: a fixed seed and a modest
// number of runs in CI; `npm run fuzz` sets more runs and other seeds for a long search.
import type { Parameters } from 'fast-check';

const seed = Number(process.env['ROBUSTLENS_FUZZ_SEED'] ?? 42);
const scale = Number(process.env['ROBUSTLENS_FUZZ_SCALE'] ?? 1);

/** Settings for `fc.assert`: `runs` inputs in CI, `runs × ROBUSTLENS_FUZZ_SCALE` in a long run, always reproducible from the seed. */
export function fuzz<T>(runs: number): Parameters<T> {
  return { seed, numRuns: Math.max(1, Math.round(runs * scale)) };
}
