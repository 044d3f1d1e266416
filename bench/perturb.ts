// Rule-based perturbation throughput on the shared BFCL data. Run: npx tsx bench/perturb.ts
// Budget (DESIGN §9): ≥ 20,000 cases/s/core. Rates are cases per second of this process's CPU
// time (user + system, GC threads included), so a busy machine skews them less than wall time.
import { cpus } from 'node:os';
import { ANSWERED_CATEGORIES, loadSharedRows, sharedBfclMissing } from '../test/support/sharedBfcl.js';
import { PERTURBATIONS, ToolPool } from '../src/core/perturb/index.js';
import { perturbByRule } from '../src/core/perturb/engine.js';
import { toJsonLine } from '../src/core/formats/index.js';
import type { EvalRow } from '../src/core/schema/index.js';

const BUDGET = 20_000;
const MIN_SECONDS = 1;

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** Cases per CPU-second of `work` over all rows, repeated for at least MIN_SECONDS of CPU after one warm-up pass. */
function rate(rows: readonly EvalRow[], work: (row: EvalRow) => void): number {
  rows.forEach(work);
  let cases = 0;
  const start = cpuSeconds();
  while (cpuSeconds() - start < MIN_SECONDS) {
    rows.forEach(work);
    cases += rows.length;
  }
  return cases / (cpuSeconds() - start);
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(10);

async function main(): Promise<void> {
  const missing = sharedBfclMissing();
  if (missing) {
    console.log(`skipped: ${missing}`);
    return;
  }
  const rows: EvalRow[] = [];
  for (const category of ANSWERED_CATEGORIES) rows.push(...(await loadSharedRows(category)));
  const pool = new ToolPool();
  rows.forEach((r) => pool.addRow(r));
  const options = { seed: 42, pool };
  const types = PERTURBATIONS.filter((p) => p.kind === 'rule').map((p) => p.id);

  console.log(`machine: ${cpus()[0]?.model ?? 'unknown cpu'}, ${cpus().length} cores, node ${process.version}`);
  console.log(`data: ${rows.length} clean rows from ${ANSWERED_CATEGORIES.length} BFCL categories, ${pool.size} distinct tools\n`);
  console.log(`${'type'.padEnd(16)} ${'cases/s'.padStart(10)}  ${'+ JSON line'.padStart(11)}`);
  let worst = Infinity;
  for (const type of types) {
    const bare = rate(rows, (row) => void perturbByRule(type, row, options));
    const serialised = rate(rows, (row) => {
      const result = perturbByRule(type, row, options);
      if (result.ok) toJsonLine(result.row);
    });
    worst = Math.min(worst, bare);
    console.log(`${type.padEnd(16)} ${fmt(bare)}   ${fmt(serialised)}${bare < BUDGET ? '  below budget' : ''}`);
  }
  const all = rate(rows, (row) => types.forEach((type) => void perturbByRule(type, row, options))) * types.length;
  console.log(`${'all 13 together'.padEnd(16)} ${fmt(all)}`);
  console.log(`\nbudget ${BUDGET.toLocaleString('en-US')} cases/s/core: ${worst >= BUDGET ? 'met by every type' : 'NOT met'} (slowest ${fmt(worst).trim()})`);
}

void main();
