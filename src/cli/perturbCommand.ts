import { join } from 'node:path';
import type { Command } from 'commander';
import packageJson from '../../package.json';
import { formatProblem, type Problem } from '../core/formats/index.js';
import { isFaultType, isPerturbationId, type PerturbationId, perturbationSpec, perturbDataset, type PerturbManifest, STATIC_TYPES } from '../core/perturb/index.js';
import { type Component, COMPONENTS } from '../core/schema/index.js';
import { safeJson, safeText } from '../common/safeText.js';
import { UsageError } from './errors.js';
import { type CommandOutput, processOutput } from './commandOutput.js';
import { exitCodeOf } from './exitCodes.js';
import { addPerturbationFlags, checkCleanInputs, LLM_TYPES, type PerturbationFlags, perturbationSettings } from './perturbationFlags.js';
import { renderTable } from './table.js';

export interface PerturbCommandOptions extends PerturbationFlags {
  out: string;
  types: string;
  json?: boolean;
}

/**
 * `all` (every static type), a component (`observation`, `action`, `reward`) or a comma list
 * of ids and components. Transition faults are injected at run time, so they are refused here.
 */
export function parseTypeSelector(selector: string): PerturbationId[] {
  const picked = new Set<PerturbationId>();
  for (const part of selector.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (part === 'all') STATIC_TYPES.forEach((id) => picked.add(id));
    else if (part === 'transition' || isFaultType(part)) {
      throw new UsageError(`${part}: transition faults are injected at run time (robustlens run), not written as datasets`);
    } else if ((COMPONENTS as readonly string[]).includes(part)) {
      STATIC_TYPES.filter((id) => perturbationSpec(id).component === (part as Component)).forEach((id) => picked.add(id));
    } else if (isPerturbationId(part)) picked.add(part);
    else throw new UsageError(`unknown perturbation type "${part}"; use all, observation, action, reward or ids: ${STATIC_TYPES.join(', ')}`);
  }
  if (picked.size === 0) throw new UsageError('--types selects no type');
  return STATIC_TYPES.filter((id) => picked.has(id));
}

function summary(manifest: PerturbManifest, outDir: string): string {
  const rows = manifest.types.map((id) => {
    const count = manifest.counts[id]!;
    return [id, perturbationSpec(id).component, count.written, count.skipped];
  });
  const lines = [`${safeText(outDir)}: ${manifest.counts.clean} clean rows, seed ${manifest.seed}`, '', renderTable(['type', 'component', 'written', 'skipped'], rows)];
  const notRun = Object.keys(manifest.not_run);
  if (notRun.length > 0) lines.push('', `Not run: ${notRun.join(', ')}: they need a rewriter model. Pass --rewriter-endpoint URL --rewriter-model NAME to enable them.`);
  const skipped = manifest.types.reduce((n, id) => n + manifest.counts[id]!.skipped, 0);
  if (skipped > 0) lines.push('', `Skipped cases and their reasons are listed in ${safeText(join(outDir, 'manifest.json'))}.`);
  return lines.join('\n');
}

/** The `perturb` command without commander: validates, runs, prints; returns the manifest. */
export async function runPerturb(inputs: readonly string[], options: PerturbCommandOptions, output: CommandOutput): Promise<PerturbManifest> {
  const types = parseTypeSelector(options.types);
  await checkCleanInputs(inputs, 'perturb');
  const onProblem = (p: Problem) => output.stderr(formatProblem(p));
  const settings = await perturbationSettings(options, options.out, onProblem);
  const manifest = await perturbDataset({
    inputs,
    outDir: options.out,
    types,
    ...settings,
    toolVersion: packageJson.version,
    onProblem,
    ...(output.progress ? { onProgress: (n: number) => output.stderr(`\r${n} rows…`) } : {}),
  });
  output.stdout(options.json ? safeJson(manifest, 2) : summary(manifest, options.out));
  return manifest;
}

export function registerPerturbCommand(program: Command): void {
  const command = program
    .command('perturb')
    .description('Write perturbed RobustBench-TC datasets (clean.jsonl, <type>.jsonl, manifest.json) from BFCL question files, ToolRL SFT JSON or a clean.jsonl.')
    .argument('<input...>', 'BFCL question files (answers from possible_answer/ beside them), ToolRL SFT JSON or RobustBench-TC eval-row files')
    .requiredOption('--out <dir>', 'output folder')
    .option('--types <selector>', 'all | observation | action | reward | comma-separated type ids', 'all');
  addPerturbationFlags(command)
    .option('--json', 'print the manifest as JSON')
    .addHelpText('after', `\n${LLM_TYPES.join(', ')} need a rewriter model (--rewriter-endpoint URL --rewriter-model NAME); without one they are not made.`)
    .action(async (inputs: string[], options: PerturbCommandOptions) => {
      const output = processOutput(options.json);
      const manifest = await runPerturb(inputs, options, output);
      output.finish();
      // Lines that could not be read are reported above; the rest was written, but the run is not clean.
      process.exitCode = exitCodeOf(manifest.problems);
    });
}
