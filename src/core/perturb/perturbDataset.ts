import { mkdir, open, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { type Problem, type ProblemSink, toJsonLine } from '../formats/index.js';
import { readCleanRows, type SkippedCase } from './cleanRows.js';
import { canMake, datasetPerturbOptions, needsRewriter, perturb, STATIC_TYPES } from './engine.js';
import type { AbbreviationRule } from './rewardLures.js';
import type { DistractorCount, DistractorPosition, SameNameOptions } from './sameName.js';
import { PERTURBATION_IDS, type PerturbationId } from './registry.js';
import type { RewriteContext } from './rewriter.js';
import { ToolPool } from './toolPool.js';

/** Buffers lines and writes them in large chunks: one `write` per line would dominate the run. */
class LineFile {
  private buffer: string[] = [];
  private size = 0;
  count = 0;

  private constructor(private readonly handle: FileHandle) {}

  static async create(path: string): Promise<LineFile> {
    return new LineFile(await open(path, 'w'));
  }

  async add(line: string): Promise<void> {
    this.buffer.push(line);
    this.size += line.length;
    this.count++;
    if (this.size >= 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    await this.handle.write(this.buffer.join(''));
    this.buffer = [];
    this.size = 0;
  }

  async close(): Promise<void> {
    await this.flush();
    await this.handle.close();
  }
}

export interface PerturbDatasetOptions {
  inputs: readonly string[];
  outDir: string;
  /** Static types to write, in any order; written in registry order. */
  types: readonly PerturbationId[];
  seed: number;
  /** Absent: types that need a rewriter are not run, and the manifest says why. */
  rewrite?: RewriteContext;
  /** Unset: `defaultLlmVariants`. */
  llmVariants?: readonly PerturbationId[];
  sameName?: SameNameOptions;
  abbreviation?: AbbreviationRule;
  /** Goes into the manifest, so a dataset names the tool version that made it. */
  toolVersion: string;
  onProblem: ProblemSink;
  /** Called every so many rows, with the number of clean rows done. */
  onProgress?: (rows: number) => void;
}

export interface TypeCount {
  written: number;
  skipped: number;
}

/** `<out>/manifest.json`: what was made, from what, and what was skipped and why. No timestamps, so reruns are byte-identical. */
export interface PerturbManifest {
  tool: 'robustlens';
  version: string;
  seed: number;
  inputs: string[];
  types: PerturbationId[];
  not_run: Partial<Record<PerturbationId, string>>;
  rewriter: { model: string } | null;
  /** Types made through the rewriter although they have a rule. */
  llm_variants: PerturbationId[];
  /** Same-name distractors: how many (`authors` = as the authors' generator did per variant) and where. */
  same_name: { count: DistractorCount | 'authors'; position: DistractorPosition };
  abbreviation: AbbreviationRule;
  counts: { clean: number } & Partial<Record<PerturbationId, TypeCount>>;
  skipped: Record<string, SkippedCase[]>;
  problems: Problem[];
}

export const NO_REWRITER_REASON = 'needs a rewriter model; pass --rewriter-endpoint URL --rewriter-model NAME to enable it';

/**
 * Reads clean rows from the inputs and writes `clean.jsonl`, one `<type>.jsonl` per type and
 * `manifest.json` into `outDir`, streaming: only the tool pool of the dataset (for
 * `redundant`) and one row at a time are held.
 */
export async function perturbDataset(options: PerturbDatasetOptions): Promise<PerturbManifest> {
  const problems: Problem[] = [];
  const onProblem: ProblemSink = (p) => {
    problems.push(p);
    options.onProblem(p);
  };
  const abbreviation = options.abbreviation ?? 'authors';
  const perturbOptions = datasetPerturbOptions({ ...options, abbreviation });
  const ordered = PERTURBATION_IDS.filter((id) => options.types.includes(id));
  const notRun: Partial<Record<PerturbationId, string>> = {};
  const run: PerturbationId[] = [];
  for (const id of ordered) {
    if (!STATIC_TYPES.includes(id)) notRun[id] = 'a transition fault: injected at run time, not written as a dataset';
    else if (!canMake(id, perturbOptions)) notRun[id] = NO_REWRITER_REASON;
    else run.push(id);
  }

  const sameName = { count: options.sameName?.count ?? ('authors' as const), position: options.sameName?.position ?? ('end' as const) };
  if (run.includes('redundant') && !needsRewriter('redundant', perturbOptions)) {
    const pool = new ToolPool();
    for (const input of options.inputs) for await (const row of readCleanRows(input, () => undefined, () => undefined)) pool.addRow(row);
    perturbOptions.pool = pool;
  }

  await mkdir(options.outDir, { recursive: true });
  const clean = await LineFile.create(join(options.outDir, 'clean.jsonl'));
  const files = new Map<PerturbationId, LineFile>();
  for (const id of run) files.set(id, await LineFile.create(join(options.outDir, `${id}.jsonl`)));
  const skipped: Record<string, SkippedCase[]> = { clean: [] };
  for (const id of run) skipped[id] = [];

  try {
    for (const input of options.inputs) {
      for await (const row of readCleanRows(input, onProblem, (s) => skipped['clean']!.push(s))) {
        await clean.add(toJsonLine(row));
        for (const id of run) {
          const result = await perturb(id, row, perturbOptions);
          if (result.ok) await files.get(id)!.add(toJsonLine(result.row));
          else skipped[id]!.push({ id: row.id, reason: result.reason });
        }
        if (clean.count % 100 === 0) options.onProgress?.(clean.count);
      }
    }
  } finally {
    await clean.close();
    for (const file of files.values()) await file.close();
  }

  const counts: PerturbManifest['counts'] = { clean: clean.count };
  for (const id of run) counts[id] = { written: files.get(id)!.count, skipped: skipped[id]!.length };
  const manifest: PerturbManifest = {
    tool: 'robustlens',
    version: options.toolVersion,
    seed: options.seed,
    inputs: [...options.inputs],
    types: run,
    not_run: notRun,
    rewriter: options.rewrite ? { model: options.rewrite.rewriter.id } : null,
    llm_variants: perturbOptions.llmVariants.filter((id) => run.includes(id)),
    same_name: sameName,
    abbreviation,
    counts,
    skipped,
    problems,
  };
  await writeFile(join(options.outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
