import type { Command } from 'commander';
import packageJson from '../../package.json';
import { augmentDataset, type AugmentManifest, MixError, NAMED_MIXES, OUTPUT_FORMATS, type OutputFormat } from '../core/augment/index.js';
import { formatProblem, type Problem } from '../core/formats/index.js';
import type { PerturbationId } from '../core/perturb/index.js';
import { safeJson, safeText } from '../common/safeText.js';
import { UsageError } from './errors.js';
import { type CommandOutput, processOutput } from './commandOutput.js';
import { exitCodeOf } from './exitCodes.js';
import { integerOption } from './options.js';
import { addPerturbationFlags, checkCleanInputs, LLM_TYPES, type PerturbationFlags, perturbationSettings } from './perturbationFlags.js';
import { renderTable } from './table.js';

export interface AugmentCommandOptions extends PerturbationFlags {
  out: string;
  mix: string;
  perSample: string;
  cleanShare: string;
  testShare: string;
  format: string;
  dataSource: string;
  json?: boolean;
}

function share(flag: string, text: string, below: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value >= below) throw new UsageError(`${flag} must be a number from 0 up to (not including) ${below}, got "${text}"`);
  return value;
}

function parseFormats(text: string): OutputFormat[] {
  const parts = text.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = parts.find((p) => !(OUTPUT_FORMATS as readonly string[]).includes(p));
  if (unknown !== undefined || parts.length === 0) throw new UsageError(`--format: use ${OUTPUT_FORMATS.join(', ')} or both, comma-separated${unknown ? `; got "${unknown}"` : ''}`);
  return OUTPUT_FORMATS.filter((f) => parts.includes(f));
}

function summary(manifest: AugmentManifest, outDir: string): string {
  const rows = Object.entries(manifest.counts.by_type).map(([id, c]) => [id, c.component, `${((manifest.mix[id as PerturbationId] ?? 0) * 100).toFixed(1)}%`, c.requested, c.written, c.train, c.test]);
  const { clean, perturbed } = manifest.counts;
  const lines = [
    `${safeText(outDir)}: ${manifest.samples} clean samples, seed ${manifest.seed}, mix ${safeText(manifest.mix_name)}: ${manifest.counts.train} train + ${manifest.counts.test} test rows (${clean.written} clean, ${perturbed.written} perturbed)`,
    '',
    renderTable(['type', 'component', 'share', 'requested', 'written', 'train', 'test'], rows),
    '',
    `Files: ${manifest.files.join(', ')}`,
  ];
  const notRun = Object.keys(manifest.not_run);
  if (notRun.length > 0) lines.push('', `Not in the mix: ${notRun.join(', ')}: they need a rewriter model. Pass --rewriter-endpoint URL --rewriter-model NAME to include them.`);
  for (const s of manifest.shortfalls) lines.push('', `${s.type}: ${s.written} of ${s.requested} made; ${s.reason} (${safeText(`${outDir}/manifest.json`)}).`);
  if (clean.written < clean.requested) lines.push('', `${clean.written} clean rows of the ${clean.requested} the clean share asks: a sample gives one clean row.`);
  if (manifest.counts.test === 0) lines.push('', 'No test split (--test-share 0 or too few samples): no test file was written; leave data.val_files out.');
  if (manifest.skipped.length > 0) lines.push('', `${manifest.skipped.length} clean samples were not used; the reasons are in the manifest (skipped).`);
  return lines.join('\n');
}

/** The `augment` command without commander: validates, builds, writes, prints; returns the manifest. */
export async function runAugment(inputs: readonly string[], options: AugmentCommandOptions, output: CommandOutput): Promise<AugmentManifest> {
  // augment settles the mix before it reads an input, so a mix it cannot make fails at once.
  const mixError = (err: unknown): never => {
    throw err instanceof MixError ? new UsageError(`--mix: ${err.message}`) : err;
  };
  const perSample = integerOption('--per-sample', options.perSample, 1, 16);
  const cleanShare = share('--clean-share', options.cleanShare, 1);
  const testShare = share('--test-share', options.testShare, 1);
  const formats = parseFormats(options.format);
  await checkCleanInputs(inputs, 'augment');
  const onProblem = (p: Problem) => output.stderr(formatProblem(p));
  const settings = await perturbationSettings(options, options.out, onProblem);
  const manifest = await augmentDataset({
    inputs,
    outDir: options.out,
    formats,
    mix: options.mix,
    perSample,
    cleanShare,
    testShare,
    dataSource: options.dataSource,
    ...settings,
    toolVersion: packageJson.version,
    onProblem,
    ...(output.progress ? { onProgress: (done: number, total: number) => output.stderr(`\r${done}/${total} perturbed samples…`) } : {}),
  }).catch(mixError);
  output.stdout(options.json ? safeJson(manifest, 2) : summary(manifest, options.out));
  return manifest;
}

export function registerAugmentCommand(program: Command): void {
  const command = program
    .command('augment')
    .description('Write a domain-randomized training set (ToolRL-DR) from clean samples: train/test in verl parquet and/or ToolRL SFT JSON, and manifest.json.')
    .argument('<input...>', 'BFCL question files (answers from possible_answer/ beside them), ToolRL SFT JSON (rlla_sft.json) or RobustBench-TC clean.jsonl')
    .requiredOption('--out <dir>', 'output folder')
    .option('--mix <mix>', `${NAMED_MIXES.join(' | ')} | weights per component or type, e.g. observation=2,CD=1 (full = the paper's ToolRL-DR-Full: the 16 static types alike)`, 'uniform')
    .option('--per-sample <n>', 'perturbed variants per clean sample, each of another type', '1')
    .option('--clean-share <x>', 'share of the written set that is clean samples', '0.2')
    .option('--test-share <x>', 'share of clean samples held out, with all their variants, as the test split', '0.1')
    .option('--format <formats>', `${OUTPUT_FORMATS.join(', ')}, or both comma-separated`, 'verl-parquet')
    .option('--data-source <name>', 'the parquet rows\' data_source, which verl uses to pick the reward function (ToolRL registers rlla)', 'rlla');
  addPerturbationFlags(command)
    .option('--json', 'print the manifest as JSON')
    .addHelpText('after', `\n${LLM_TYPES.join(', ')} need a rewriter model (--rewriter-endpoint URL --rewriter-model NAME); without one they are left out of the mix and the manifest says so.\nCounts per type follow the mix by largest remainder; the same inputs and seed give byte-identical files.`)
    .action(async (inputs: string[], options: AugmentCommandOptions) => {
      const output = processOutput(options.json);
      const manifest = await runAugment(inputs, options, output);
      output.finish();
      process.exitCode = exitCodeOf(manifest.problems);
    });
}
