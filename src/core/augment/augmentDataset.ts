import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AbbreviationRule, DistractorCount, DistractorPosition } from '../perturb/index.js';
import { augment, type AugmentOptions, type AugmentSummary, type Split, type TrainingExample } from './augment.js';
import { type OutputFormat, type WriteContext, writeToolRlSft, writeVerlParquet } from './writers.js';

export interface AugmentDatasetOptions extends AugmentOptions {
  outDir: string;
  formats: readonly OutputFormat[];
  dataSource: string;
  /** Goes into the manifest and the parquet footer, so a set names the tool version that made it. */
  toolVersion: string;
}

/** `<out>/manifest.json`: how the set was made and what is in it. No timestamps, so reruns are byte-identical. */
export interface AugmentManifest extends AugmentSummary {
  tool: 'robustlens';
  version: string;
  seed: number;
  inputs: string[];
  formats: OutputFormat[];
  files: string[];
  mix_name: string;
  per_sample: number;
  clean_share: number;
  test_share: number;
  rewriter: { model: string } | null;
  same_name: { count: DistractorCount | 'authors'; position: DistractorPosition };
  abbreviation: AbbreviationRule;
  data_source: string;
}

const FILE_EXTENSION: Record<OutputFormat, string> = { 'verl-parquet': 'parquet', 'toolrl-sft': 'json' };
const WRITERS: Record<OutputFormat, (file: string, examples: readonly TrainingExample[], context: WriteContext) => Promise<void>> = {
  'verl-parquet': writeVerlParquet,
  'toolrl-sft': writeToolRlSft,
};

/** Builds the set (see `augment`) and writes `train` and `test` in each format, and the manifest. */
export async function augmentDataset(options: AugmentDatasetOptions): Promise<AugmentManifest> {
  const { examples, summary } = await augment(options);
  await mkdir(options.outDir, { recursive: true });
  const context: WriteContext = { seed: options.seed, dataSource: options.dataSource, createdBy: `robustlens version ${options.toolVersion}` };
  const files: string[] = [];
  for (const format of options.formats) {
    for (const split of ['train', 'test'] as const satisfies readonly Split[]) {
      const rows = examples.filter((e) => e.split === split);
      // An empty file would pass for a split: verl's validation loader fails on one.
      if (rows.length === 0) continue;
      const name = `${split}.${FILE_EXTENSION[format]}`;
      await WRITERS[format](join(options.outDir, name), rows, context);
      files.push(name);
    }
  }
  const manifest: AugmentManifest = {
    tool: 'robustlens',
    version: options.toolVersion,
    seed: options.seed,
    inputs: [...options.inputs],
    formats: [...options.formats],
    files,
    mix_name: options.mix,
    per_sample: options.perSample,
    clean_share: options.cleanShare,
    test_share: options.testShare,
    rewriter: options.rewrite ? { model: options.rewrite.rewriter.id } : null,
    same_name: { count: options.sameName?.count ?? 'authors', position: options.sameName?.position ?? 'end' },
    abbreviation: options.abbreviation ?? 'authors',
    data_source: options.dataSource,
    ...summary,
  };
  await writeFile(join(options.outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
