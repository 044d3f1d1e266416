import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { type Command, Option } from 'commander';
import packageJson from '../../package.json';
import { formatProblem, parseBfclFileName, type Problem } from '../core/formats/index.js';
import { ABBREVIATION_RULES, type AbbreviationRule, DISTRACTOR_COUNTS, DISTRACTOR_POSITIONS, type DistractorCount, type DistractorPosition, isFaultType, isPerturbationId, LLM_VARIANT_TYPES, openAiRewriter, type PerturbationId, PERTURBATIONS, perturbationSpec, perturbDataset, type PerturbManifest, RewriteCache, STATIC_TYPES } from '../core/perturb/index.js';
import { type Component, COMPONENTS } from '../core/schema/index.js';
import { safeJson, safeText } from '../common/safeText.js';
import { UsageError } from './errors.js';
import { exitCodeOf } from './exitCodes.js';
import { renderTable } from './table.js';

export interface PerturbCommandOptions {
  out: string;
  types: string;
  seed: string;
  rewriterEndpoint?: string;
  rewriterModel?: string;
  rewriterCache?: string;
  /** `true` when the flag is given bare (every type with an LLM variant). */
  llmVariants?: string | boolean;
  sameNameCount?: DistractorCount | 'authors';
  sameNamePosition?: DistractorPosition;
  abbreviation?: AbbreviationRule;
  json?: boolean;
}

export interface PerturbOutput {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when progress may be drawn (stderr is a terminal). */
  progress: boolean;
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

/** `--llm-variants` bare (all), `none`, or a comma list of the types that have an LLM variant. */
export function parseLlmVariants(value: string | boolean | undefined): PerturbationId[] | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true || value.trim() === 'all') return [...LLM_VARIANT_TYPES];
  if (value.trim() === 'none') return [];
  const parts = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = parts.find((part) => !(LLM_VARIANT_TYPES as readonly string[]).includes(part));
  if (unknown !== undefined || parts.length === 0) throw new UsageError(`--llm-variants: use all, none or some of ${LLM_VARIANT_TYPES.join(', ')}${unknown ? `, got "${unknown}"` : ''}`);
  return LLM_VARIANT_TYPES.filter((id) => parts.includes(id));
}

function parseSeed(text: string): number {
  const seed = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(seed)) throw new UsageError(`--seed must be a non-negative integer, got "${text}"`);
  return seed;
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
export async function runPerturb(inputs: readonly string[], options: PerturbCommandOptions, output: PerturbOutput): Promise<PerturbManifest> {
  const types = parseTypeSelector(options.types);
  const seed = parseSeed(options.seed);
  if (Boolean(options.rewriterEndpoint) !== Boolean(options.rewriterModel)) {
    throw new UsageError('--rewriter-endpoint and --rewriter-model go together');
  }
  for (const input of inputs) {
    if (!(await access(input).then(() => true, () => false))) throw new UsageError(`no such input file: ${input}`);
    const kind = parseBfclFileName(input)?.kind;
    if (kind && kind !== 'question') throw new UsageError(`${input} is a BFCL ${kind} file; perturb reads question files (answers from possible_answer/ beside them)`);
  }
  const onProblem = (p: Problem) => output.stderr(formatProblem(p));
  const rewrite = options.rewriterEndpoint && options.rewriterModel
    ? {
        rewriter: openAiRewriter({ endpoint: options.rewriterEndpoint, model: options.rewriterModel, apiKey: process.env['ROBUSTLENS_REWRITER_API_KEY'] }),
        cache: await RewriteCache.open(options.rewriterCache ?? join(options.out, 'rewrite-cache.jsonl'), onProblem),
      }
    : undefined;
  const llmVariants = parseLlmVariants(options.llmVariants);
  if (llmVariants?.length && !rewrite) throw new UsageError('--llm-variants needs a rewriter: pass --rewriter-endpoint URL --rewriter-model NAME');
  const count = options.sameNameCount === 'authors' ? undefined : options.sameNameCount;
  const manifest = await perturbDataset({
    inputs,
    outDir: options.out,
    types,
    seed,
    ...(rewrite ? { rewrite } : {}),
    ...(llmVariants ? { llmVariants } : {}),
    sameName: { ...(count ? { count } : {}), ...(options.sameNamePosition ? { position: options.sameNamePosition } : {}) },
    ...(options.abbreviation ? { abbreviation: options.abbreviation } : {}),
    toolVersion: packageJson.version,
    onProblem,
    ...(output.progress ? { onProgress: (n: number) => output.stderr(`\r${n} rows…`) } : {}),
  });
  output.stdout(options.json ? safeJson(manifest, 2) : summary(manifest, options.out));
  return manifest;
}

export function registerPerturbCommand(program: Command): void {
  const llmTypes = PERTURBATIONS.filter((p) => p.kind === 'llm').map((p) => p.id);
  program
    .command('perturb')
    .description('Write perturbed RobustBench-TC datasets (clean.jsonl, <type>.jsonl, manifest.json) from BFCL question files or a clean.jsonl.')
    .argument('<input...>', 'BFCL question files (answers from possible_answer/ beside them) or RobustBench-TC eval-row files')
    .requiredOption('--out <dir>', 'output folder')
    .option('--types <selector>', 'all | observation | action | reward | comma-separated type ids', 'all')
    .option('--seed <n>', 'seed: the same seed gives the same dataset', '42')
    .option('--rewriter-endpoint <url>', `OpenAI-compatible server for the LLM-based types (${llmTypes.join(', ')})`)
    .option('--rewriter-model <name>', 'model name on that server')
    .option('--rewriter-cache <file>', 'rewrite cache (JSON lines); default <out>/rewrite-cache.jsonl')
    .option('--llm-variants [types]', `make these types through the rewriter instead of by rule: all (the bare flag), none, or some of ${LLM_VARIANT_TYPES.join(',')}; default with a rewriter: redundant, as the authors did`)
    .addOption(new Option('--same-name-count <n>', 'same_name_A–E distractors: as the authors\' BFCL generator (A, B: one for one seeded golden tool; C–E: one per golden tool), or one / per_golden for every variant').choices(['authors', ...DISTRACTOR_COUNTS]).default('authors'))
    .addOption(new Option('--same-name-position <where>', 'where same-name distractors go: after every tool (the authors\' BFCL generator), or right before / after their golden tool (before is refused on rows BFCL scores)').choices([...DISTRACTOR_POSITIONS]).default('end'))
    .addOption(new Option('--abbreviation <rule>', 'how CD_AB/TD_AB abbreviate the golden tool: the authors\' rule (solarFarm.potential → F_P) or the paper\'s printed examples (SF_P)').choices([...ABBREVIATION_RULES]).default('authors'))
    .option('--json', 'print the manifest as JSON')
    .addHelpText('after', `\n${llmTypes.join(', ')} need a rewriter model (--rewriter-endpoint URL --rewriter-model NAME); without one they are not made.`)
    .action(async (inputs: string[], options: PerturbCommandOptions) => {
      const stderrIsTty = process.stderr.isTTY === true && options.json !== true;
      const manifest = await runPerturb(inputs, options, {
        stdout: (text) => process.stdout.write(`${text}\n`),
        stderr: (text) => process.stderr.write(text.startsWith('\r') ? text : `${text}\n`),
        progress: stderrIsTty,
      });
      if (stderrIsTty) process.stderr.write('\r\x1b[K');
      // Lines that could not be read are reported above; the rest was written, but the run is not clean.
      process.exitCode = exitCodeOf(manifest.problems);
    });
}
