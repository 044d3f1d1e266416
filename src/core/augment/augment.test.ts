import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// An independent reader: arrow-rs's parquet (through WebAssembly) and Apache Arrow, not the writer's library.
import { tableFromIPC, type Field, type Table } from 'apache-arrow';
import { readParquet } from 'parquet-wasm/node';
import { ANSWERED_CATEGORIES, sharedBfclFile, sharedBfclMissing } from '../../../test/support/sharedBfcl.js';
import { TOOLRL_PARQUET_FILE, TOOLRL_SFT_FILE, sharedToolRlMissing } from '../../../test/support/sharedToolRl.js';
import { PERTURBATIONS, readCleanRows } from '../perturb/index.js';
import { toolrlReward } from '../score/index.js';
import { augmentDataset, type AugmentDatasetOptions, type AugmentManifest } from './augmentDataset.js';

const missing = sharedBfclMissing() ?? sharedToolRlMissing();

async function readTable(file: string): Promise<Table> {
  return tableFromIPC(readParquet(new Uint8Array(await readFile(file))).intoIPCStream());
}

/** `name: type` for a field and, for structs and lists, every field inside it. */
function describe(field: Field, prefix = ''): string[] {
  const path = `${prefix}${field.name}`;
  return [`${path}: ${String(field.type)}`, ...(field.type.children ?? []).flatMap((child: Field) => describe(child, `${path}.`))];
}

/** Arrow's rows, lists and structs as plain values. */
function plain(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Symbol.iterator in value && typeof (value as { toArray?: unknown }).toArray === 'function') return [...(value as Iterable<unknown>)].map(plain);
  const json = typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON: () => object }).toJSON() : value;
  return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, plain(v)]));
}

const rowsOf = (table: Table): Array<Record<string, unknown>> => table.toArray().map((row) => plain(row) as Record<string, unknown>);

async function run(out: string, options: Partial<AugmentDatasetOptions> & Pick<AugmentDatasetOptions, 'inputs'>): Promise<AugmentManifest> {
  return augmentDataset({
    outDir: out,
    formats: ['verl-parquet', 'toolrl-sft'],
    mix: 'uniform',
    perSample: 1,
    cleanShare: 0.2,
    testShare: 0.1,
    seed: 7,
    dataSource: 'rlla',
    toolVersion: 'test',
    onProblem: (p) => assert.fail(`unexpected problem: ${JSON.stringify(p)}`),
    ...options,
  });
}

const BFCL_INPUTS = ANSWERED_CATEGORIES.map(sharedBfclFile);

/**
 * A call to the distractor a perturbation added, in ToolRL's answer form: the new tool with the
 * golden arguments, or, for a same-name copy, the golden name with the copy's (empty) parameters.
 * Undefined where such a call would be the golden call itself.
 */
function distractorAnswer(groundTruth: string, tools: string[], originalTools: string[]): string | undefined {
  const callLine = groundTruth.split('<tool_call>\n')[1]?.split('\n')[0];
  if (!callLine) return undefined;
  const golden = JSON.parse(callLine) as { name: string; parameters: Record<string, unknown> };
  const distractor = tools.find((t) => !originalTools.includes(t) && t !== golden.name);
  if (!distractor && Object.keys(golden.parameters).length === 0) return undefined;
  const call = distractor ? { name: distractor, parameters: golden.parameters } : { name: golden.name, parameters: {} };
  return groundTruth.replace(callLine, JSON.stringify(call));
}

const toolNames = (instruction: string): string[] => [...instruction.matchAll(/^\d+\. Name: (.*)$/gm)].map((m) => m[1]!);

test('augment: the shared BFCL data and ToolRL\'s SFT data become verl parquet with ToolRL\'s schema and SFT JSON', { skip: missing, timeout: 300_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'robustlens-augment-'));
  try {
    for (const [name, inputs] of [['bfcl', BFCL_INPUTS], ['toolrl', [TOOLRL_SFT_FILE]]] as const) {
      const out = join(dir, name);
      const cleanTools = new Map<string, string[]>();
      for (const input of inputs) for await (const row of readCleanRows(input, () => undefined, () => undefined)) cleanTools.set(row.id, row.tools.map((t) => t.name));
      const manifest = await run(out, { inputs });
      assert.deepEqual((await readdir(out)).sort(), ['manifest.json', 'test.json', 'test.parquet', 'train.json', 'train.parquet']);

      // The three LLM-based types need a rewriter; the other 13 share the perturbed samples by the mix.
      assert.deepEqual(Object.keys(manifest.not_run), ['query_paraphrase', 'paraphrase_tool_description', 'paraphrase_parameter_description']);
      const total = manifest.counts.perturbed.requested;
      assert.equal(total, manifest.samples);
      for (const [id, counts] of Object.entries(manifest.counts.by_type)) {
        assert.ok(Math.abs(counts.requested - total / 13) < 1, `${name} ${id}: requested ${counts.requested} of ${total}`);
        assert.equal(counts.written, counts.requested, `${name} ${id}: every requested sample was made`);
        assert.equal(counts.train + counts.test, counts.written);
      }
      const { clean, perturbed } = manifest.counts;
      assert.equal(clean.written, Math.round((0.2 * perturbed.written) / 0.8));

      const reference = await readTable(TOOLRL_PARQUET_FILE);
      const referenceFields = reference.schema.fields.flatMap((f) => describe(f));
      const byPath = new Map<string, string>();
      for (const split of ['train', 'test']) {
        const table = await readTable(join(out, `${split}.parquet`));
        const fields = table.schema.fields.flatMap((f) => describe(f));
        assert.deepEqual(table.schema.fields.map((f) => f.name), reference.schema.fields.map((f) => f.name));
        // Every column and nested field of ToolRL's parquet, with its type; extra_info adds what made the row.
        for (const f of referenceFields) assert.ok(fields.includes(f.replace('extra_info: Struct<{index:Int64, input:Utf8, instruction:Utf8, output:Utf8, split:Utf8}>', 'extra_info: Struct<{index:Int64, input:Utf8, instruction:Utf8, output:Utf8, split:Utf8, perturbation_type:Utf8, component:Utf8, seed:Int64, source_id:Utf8}>')), `${split}: ${f}`);
        assert.deepEqual(fields.filter((f) => !referenceFields.includes(f) && !f.startsWith('extra_info: ')), ['extra_info.perturbation_type: Utf8', 'extra_info.component: Utf8', 'extra_info.seed: Int64', 'extra_info.source_id: Utf8']);
        fields.forEach((f) => byPath.set(f, split));

        const rows = rowsOf(table);
        assert.equal(rows.length, manifest.counts[split as 'train' | 'test']);
        const sft = JSON.parse(await readFile(join(out, `${split}.json`), 'utf8')) as Array<{ instruction: string; input: string; output: string; robustlens: { perturbation_type: string } }>;
        assert.equal(sft.length, rows.length);
        let distractorsChecked = 0;
        let distractorRows = 0;
        for (const [i, row] of rows.entries()) {
          const info = row['extra_info'] as Record<string, unknown>;
          const prompt = row['prompt'] as Array<{ role: string; content: string }>;
          const truth = (row['reward_model'] as { ground_truth: string; style: string }).ground_truth;
          assert.deepEqual(prompt.map((m) => m.role), ['system', 'user']);
          assert.equal(prompt[0]!.content, info['instruction']);
          assert.equal(prompt[1]!.content, info['input']);
          assert.equal(info['output'], truth);
          assert.equal(info['split'], split);
          assert.equal(info['seed'], 7n);
          assert.equal(info['index'], BigInt(i));
          assert.deepEqual([sft[i]!.instruction, sft[i]!.input, sft[i]!.robustlens.perturbation_type], [info['instruction'], info['input'], info['perturbation_type']]);
          // Format 1 + correctness 3; an answer in words only has no calls to be correct about.
          const best = toolrlReward(truth, truth);
          assert.equal(best.score, truth.includes('<tool_call>') ? 4 : 1, `${info['source_id']} ${info['perturbation_type']}: the ground truth earns the maximum against itself`);
          const component = info['component'];
          if ((component === 'action' || component === 'reward') && truth.includes('<tool_call>')) {
            distractorRows++;
            const wrong = distractorAnswer(truth, toolNames(info['instruction'] as string), cleanTools.get(info['source_id'] as string)!);
            if (!wrong) continue;
            assert.ok(toolrlReward(wrong, truth).score < best.score, `${info['source_id']} ${info['perturbation_type']}: a call to the distractor earns less`);
            distractorsChecked++;
          }
        }
        // Only a same-name copy of a tool without parameters has no call that differs from the golden one.
        assert.ok(distractorsChecked > 0.9 * distractorRows, `${name} ${split}: ${distractorsChecked} of ${distractorRows} distractor calls checked`);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('augment: the same seed gives byte-identical files, another seed another set', { skip: missing, timeout: 300_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'robustlens-augment-'));
  try {
    const inputs = [sharedBfclFile('multiple'), TOOLRL_SFT_FILE];
    const mix = 'components';
    await run(join(dir, 'a'), { inputs, mix, perSample: 2 });
    await run(join(dir, 'b'), { inputs, mix, perSample: 2 });
    await run(join(dir, 'c'), { inputs, mix, perSample: 2, seed: 8 });
    for (const file of await readdir(join(dir, 'a'))) {
      assert.ok((await readFile(join(dir, 'a', file))).equals(await readFile(join(dir, 'b', file))), `${file} differs between two runs with one seed`);
    }
    assert.ok(!(await readFile(join(dir, 'a', 'train.parquet'))).equals(await readFile(join(dir, 'c', 'train.parquet'))));
    const manifest = JSON.parse(await readFile(join(dir, 'a', 'manifest.json'), 'utf8')) as AugmentManifest;
    // Components: each a third of the perturbed samples, within one per type of rounding; two variants per sample, of two types.
    const shares = manifest.counts.by_component;
    const perturbed = manifest.counts.perturbed.written;
    for (const component of ['observation', 'action', 'reward'] as const) assert.ok(Math.abs(shares[component]!.written - perturbed / 3) <= 6, `${component}: ${shares[component]!.written} of ${perturbed}`);
    assert.equal(manifest.counts.perturbed.written, manifest.samples * 2);
    const types = PERTURBATIONS.filter((p) => manifest.counts.by_type[p.id]).map((p) => p.id);
    assert.equal(types.length, 13);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
