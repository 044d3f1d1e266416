import { writeFile } from 'node:fs/promises';
import { ByteWriter, parquetWrite } from 'hyparquet-writer';
import type { SchemaElement } from 'hyparquet';
import type { TrainingExample } from './augment.js';

export const OUTPUT_FORMATS = ['verl-parquet', 'toolrl-sft'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** What every row of a written set shares: the seed and where verl should route its reward. */
export interface WriteContext {
  seed: number;
  /** verl picks the reward function by `data_source`; ToolRL's registers `rlla`. */
  dataSource: string;
  /** Goes into the parquet footer, so a file names the tool that wrote it. */
  createdBy: string;
}

/**
 * ToolRL's SFT JSON: its three fields, plus `robustlens` saying where each sample came from
 * (SFT loaders such as LLaMA-Factory read the mapped columns and drop the rest). Indented as
 * ToolRL's own file is.
 */
export async function writeToolRlSft(file: string, examples: readonly TrainingExample[], context: WriteContext): Promise<void> {
  const rows = examples.map((e) => ({
    instruction: e.instruction,
    input: e.input,
    output: e.output,
    robustlens: { source_id: e.sourceId, perturbation_type: e.type, component: e.component, seed: context.seed },
  }));
  await writeFile(file, `${JSON.stringify(rows, null, 4)}\n`);
}

const string = (name: string): SchemaElement => ({ name, type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL', converted_type: 'UTF8', logical_type: { type: 'STRING' } });
const group = (name: string, children: number, extra: Partial<SchemaElement> = {}): SchemaElement => ({ name, repetition_type: 'OPTIONAL', num_children: children, ...extra });

/**
 * The schema of ToolRL's own verl parquet (`rlla_4k_test.parquet`, written by pyarrow), column for
 * column, with the perturbation's type, component and seed and the clean sample's id added to
 * `extra_info`.
 */
const VERL_SCHEMA: SchemaElement[] = [
  { name: 'schema', repetition_type: 'REQUIRED', num_children: 5 },
  string('data_source'),
  group('prompt', 1, { converted_type: 'LIST', logical_type: { type: 'LIST' } }),
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  group('element', 2),
  string('content'),
  string('role'),
  string('ability'),
  group('reward_model', 2),
  string('ground_truth'),
  string('style'),
  group('extra_info', 9),
  { name: 'index', type: 'INT64', repetition_type: 'OPTIONAL' },
  string('input'),
  string('instruction'),
  string('output'),
  string('split'),
  string('perturbation_type'),
  string('component'),
  { name: 'seed', type: 'INT64', repetition_type: 'OPTIONAL' },
  string('source_id'),
];

/** verl's RL rows: the chat prompt, the rule-based reward's ground truth, and what made the row. */
export async function writeVerlParquet(file: string, examples: readonly TrainingExample[], context: WriteContext): Promise<void> {
  const writer = new ByteWriter();
  await parquetWrite({
    writer,
    schema: VERL_SCHEMA,
    createdBy: context.createdBy,
    columnData: [
      { name: 'data_source', data: examples.map(() => context.dataSource) },
      { name: 'prompt', data: examples.map((e) => [{ content: e.instruction, role: 'system' }, { content: e.input, role: 'user' }]) },
      { name: 'ability', data: examples.map(() => 'tool_use') },
      { name: 'reward_model', data: examples.map((e) => ({ ground_truth: e.groundTruth, style: 'rule' })) },
      {
        name: 'extra_info',
        data: examples.map((e, index) => ({
          index: BigInt(index),
          input: e.input,
          instruction: e.instruction,
          output: e.groundTruth,
          split: e.split,
          perturbation_type: e.type,
          component: e.component,
          seed: BigInt(context.seed),
          source_id: e.sourceId,
        })),
      },
    ],
  });
  await writeFile(file, new Uint8Array(writer.getBuffer()));
}
