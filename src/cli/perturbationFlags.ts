import { join } from 'node:path';
import { type Command, Option } from 'commander';
import { parseBfclFileName, type ProblemSink } from '../core/formats/index.js';
import { ABBREVIATION_RULES, type AbbreviationRule, DISTRACTOR_COUNTS, DISTRACTOR_POSITIONS, type DistractorCount, type DistractorPosition, LLM_VARIANT_TYPES, openAiRewriter, type PerturbationId, PERTURBATIONS, RewriteCache, type RewriteContext, type SameNameOptions } from '../core/perturb/index.js';
import { UsageError } from './errors.js';
import { exists } from './options.js';

/** The flags every command that makes perturbed rows shares (`perturb`, `augment`). */
export interface PerturbationFlags {
  seed: string;
  rewriterEndpoint?: string;
  rewriterModel?: string;
  rewriterCache?: string;
  /** `true` when the flag is given bare (every type with an LLM variant). */
  llmVariants?: string | boolean;
  sameNameCount?: DistractorCount | 'authors';
  sameNamePosition?: DistractorPosition;
  abbreviation?: AbbreviationRule;
}

export const LLM_TYPES: readonly PerturbationId[] = PERTURBATIONS.filter((p) => p.kind === 'llm').map((p) => p.id);

export function addPerturbationFlags(command: Command): Command {
  return command
    .option('--seed <n>', 'seed: the same seed gives the same dataset', '42')
    .option('--rewriter-endpoint <url>', `OpenAI-compatible server for the LLM-based types (${LLM_TYPES.join(', ')})`)
    .option('--rewriter-model <name>', 'model name on that server')
    .option('--rewriter-cache <file>', 'rewrite cache (JSON lines); default <out>/rewrite-cache.jsonl')
    .option('--llm-variants [types]', `make these types through the rewriter instead of by rule: all (the bare flag), none, or some of ${LLM_VARIANT_TYPES.join(',')}; default with a rewriter: redundant, as the authors did`)
    .addOption(new Option('--same-name-count <n>', 'same_name_A–E distractors: as the authors\' BFCL generator (A, B: one for one seeded golden tool; C–E: one per golden tool), or one / per_golden for every variant').choices(['authors', ...DISTRACTOR_COUNTS]).default('authors'))
    .addOption(new Option('--same-name-position <where>', 'where same-name distractors go: after every tool (the authors\' BFCL generator), or right before / after their golden tool (before is refused on rows BFCL scores)').choices([...DISTRACTOR_POSITIONS]).default('end'))
    .addOption(new Option('--abbreviation <rule>', 'how CD_AB/TD_AB abbreviate the golden tool: the authors\' rule (solarFarm.potential → F_P) or the paper\'s printed examples (SF_P)').choices([...ABBREVIATION_RULES]).default('authors'));
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

export interface PerturbationSettings {
  seed: number;
  rewrite?: RewriteContext;
  llmVariants?: PerturbationId[];
  sameName: SameNameOptions;
  abbreviation?: AbbreviationRule;
}

/** Validates the shared flags and opens the rewriter (and its cache in `outDir`) when one is named. */
export async function perturbationSettings(flags: PerturbationFlags, outDir: string, onProblem: ProblemSink): Promise<PerturbationSettings> {
  const seed = parseSeed(flags.seed);
  if (Boolean(flags.rewriterEndpoint) !== Boolean(flags.rewriterModel)) {
    throw new UsageError('--rewriter-endpoint and --rewriter-model go together');
  }
  const llmVariants = parseLlmVariants(flags.llmVariants);
  if (llmVariants?.length && !flags.rewriterEndpoint) throw new UsageError('--llm-variants needs a rewriter: pass --rewriter-endpoint URL --rewriter-model NAME');
  const rewrite = flags.rewriterEndpoint && flags.rewriterModel
    ? {
        rewriter: openAiRewriter({ endpoint: flags.rewriterEndpoint, model: flags.rewriterModel, apiKey: process.env['ROBUSTLENS_REWRITER_API_KEY'] }),
        cache: await RewriteCache.open(flags.rewriterCache ?? join(outDir, 'rewrite-cache.jsonl'), onProblem),
      }
    : undefined;
  const count = flags.sameNameCount === 'authors' ? undefined : flags.sameNameCount;
  return {
    seed,
    ...(rewrite ? { rewrite } : {}),
    ...(llmVariants ? { llmVariants } : {}),
    sameName: { ...(count ? { count } : {}), ...(flags.sameNamePosition ? { position: flags.sameNamePosition } : {}) },
    ...(flags.abbreviation ? { abbreviation: flags.abbreviation } : {}),
  };
}

/** Every input of a command that reads clean samples exists and is no BFCL answer, result or score file. */
export async function checkCleanInputs(inputs: readonly string[], command: string): Promise<void> {
  for (const input of inputs) {
    if (!(await exists(input))) throw new UsageError(`no such input file: ${input}`);
    const kind = parseBfclFileName(input)?.kind;
    if (kind && kind !== 'question') throw new UsageError(`${input} is a BFCL ${kind} file; ${command} reads question files (answers from possible_answer/ beside them)`);
  }
}
