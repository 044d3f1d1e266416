// Builds the demo workspace: the project's own BFCL-format samples (demo/bfcl), perturbed by the
// engine, answered by the generated tiny model through the embedded llama.cpp backend, scored.
//   npx tsx scripts/prepare-demo.ts [workspace]   (default .robustlens-cache/demo-workspace)
// A second run with unchanged inputs reuses everything; an interrupted run resumes.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import packageJson from '../package.json';
import { formatProblem, type Problem } from '../src/core/formats/index.js';
import { createBackend } from '../src/core/model/index.js';
import { errorMessage } from '../src/common/errorMessage.js';
import { makeTinyModel } from '../test/support/tinyModel/index.js';
import { FAULT_TYPES, perturbDataset, RewriteCache, STATIC_TYPES } from '../src/core/perturb/index.js';
import { demoParaphraseRewriter } from './demoParaphrases.js';
import { protocolFrom, readCaseSet, runCases } from '../src/core/run/index.js';
import { scoreRecord } from '../src/core/score/index.js';

const REPO = resolve(__dirname, '..');
const DEMO = join(REPO, 'demo');
export const DEFAULT_DEMO_WORKSPACE = join(REPO, '.robustlens-cache', 'demo-workspace');
/** Shared with scripts/make-tiny-model.ts, so either script leaves the model the other would. */
const TINY_MODEL_PATH = join(REPO, '.robustlens-cache', 'tiny-model.gguf');
const DEMO_INPUTS = ['simple_python', 'multiple', 'parallel'].map((category) => join(DEMO, 'bfcl', `BFCL_v4_${category}.json`));
const SEED = 42;
const RUN_ID = 'demo-tiny-model';
/** The hand-written paraphrases the LLM-based types use in the demo (see scripts/demoParaphrases.ts). */
const PARAPHRASES = join(DEMO, 'paraphrases.json');
/**
 * The tiny model answers natively (llama.cpp's function-calling grammar), so its calls are
 * well-formed and the demo has a mix of passes and failures; in prompt mode it writes noise.
 * A guard, not a budget: the longest demo answer (three parallel calls) is far shorter than 512.
 */
const PROTOCOL = protocolFrom('native', { max_tokens: 512, seed: 1 });
/**
 * llama.cpp's threads spin while they wait, so on a small shared machine more than one makes the
 * tiny model many times slower, not faster.
 */
const THREADS = 1;
/**
 * The demo opens on the RobustLens views (the welcome page, chat and the secondary side bar would
 * only take their place), and Quick-run gets the tiny model, so it works without a model server.
 */
const WORKSPACE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'robustlens.ggufPath': TINY_MODEL_PATH,
};

export interface PrepareDemoOptions {
  workspace: string;
  onProgress?: (line: string) => void;
}

export interface PreparedDemo {
  workspace: string;
  /** The prediction file the extension's Results tree shows. */
  predictions: string;
  /** The perturbed eval set (`clean.jsonl`, `<type>.jsonl`, `manifest.json`). */
  cases: string;
}

/** The model file, rewritten only when the generator's output differs from what is on disk. */
async function tinyModel(): Promise<Buffer> {
  const bytes = makeTinyModel();
  const onDisk = await readFile(TINY_MODEL_PATH).catch(() => undefined);
  if (!onDisk?.equals(bytes)) {
    await mkdir(dirname(TINY_MODEL_PATH), { recursive: true });
    await writeFile(TINY_MODEL_PATH, bytes);
  }
  return bytes;
}

/** Everything the predictions depend on; a change means the old predictions answer other questions. */
function fingerprint(model: Buffer, caseFiles: readonly string[], settings: object): string {
  const hash = createHash('sha256').update(model);
  for (const text of caseFiles) hash.update(text);
  hash.update(JSON.stringify({ settings, runId: RUN_ID, faults: FAULT_TYPES }));
  return hash.digest('hex');
}

export async function prepareDemo(options: PrepareDemoOptions): Promise<PreparedDemo> {
  const say = options.onProgress ?? (() => undefined);
  const workspace = resolve(options.workspace);
  const cases = join(workspace, 'cases');
  const predictionsDir = join(workspace, 'predictions');
  const predictions = join(predictionsDir, 'tiny-model.jsonl');
  const stamp = join(predictionsDir, 'tiny-model.inputs.json');
  const problems: Problem[] = [];
  const onProblem = (p: Problem) => {
    problems.push(p);
    say(formatProblem(p));
  };

  await mkdir(predictionsDir, { recursive: true });
  await mkdir(join(workspace, '.vscode'), { recursive: true });
  await writeFile(join(workspace, '.vscode', 'settings.json'), `${JSON.stringify(WORKSPACE_SETTINGS, null, 2)}\n`);
  const model = await tinyModel();

  // Deterministic and fast, so it is simply redone: the files come out byte-identical when nothing changed.
  const rewrite = { rewriter: await demoParaphraseRewriter(PARAPHRASES), cache: RewriteCache.inMemory(), maxAttempts: 1 };
  // The demo's rewriter only knows its hand-written paraphrases, so typos and redundant tools stay rule-based.
  const manifest = await perturbDataset({ inputs: DEMO_INPUTS, outDir: cases, types: STATIC_TYPES, seed: SEED, rewrite, llmVariants: [], toolVersion: packageJson.version, onProblem });
  if (problems.some((p) => p.severity === 'error')) throw new Error('the demo data has errors (above); fix demo/bfcl');
  const splits = ['clean', ...manifest.types];
  const texts = await Promise.all(splits.map((split) => readFile(join(cases, `${split}.jsonl`), 'utf8')));
  say(`cases: ${manifest.counts.clean} samples × clean + ${manifest.types.length} static types (seed ${SEED}) in ${cases}`);

  const backend = createBackend({ kind: 'gguf', path: TINY_MODEL_PATH, threads: THREADS });
  try {
    const modelName = (await backend.listModels())[0]!;
    const settings = { model: modelName, protocol: PROTOCOL };
    const inputs = { fingerprint: fingerprint(model, texts, settings), run: RUN_ID, settings, seed: SEED, types: [...manifest.types, ...FAULT_TYPES] };
    const previous = await readFile(stamp, 'utf8')
      .then((text) => (JSON.parse(text) as { fingerprint?: string }).fingerprint)
      .catch(() => undefined);
    if (previous !== inputs.fingerprint) {
      if (previous !== undefined) say('the demo data, engine or model changed: running every case again');
      await rm(predictions, { force: true });
      // Written before the run, so an interrupted run resumes instead of starting over.
      await writeFile(stamp, `${JSON.stringify(inputs, null, 2)}\n`);
    }

    // The same case set `robustlens run <cases> --transition all` runs.
    const rows = await readCaseSet(cases, { transitions: FAULT_TYPES }, onProblem);
    const step = Math.max(1, Math.round(rows.length / 10));
    const summary = await runCases(rows, {
      endpoints: [backend],
      model: modelName,
      protocol: PROTOCOL,
      out: predictions,
      runId: RUN_ID,
      concurrency: 1,
      score: scoreRecord,
      onProblem,
      onProgress: (p) => {
        if (p.done % step === 0 || p.done === p.total) say(`ran ${p.done}/${p.total} cases with ${modelName} (${p.ratePerSecond.toFixed(1)}/s)`);
      },
    });
    say(summary.total === 0 ? `predictions: all ${summary.skipped} cases done earlier, reused` : `predictions: ${summary.done} cases run, ${summary.skipped} reused, ${summary.failed} failed requests`);
  } finally {
    await backend.close();
  }
  return { workspace, predictions, cases };
}

if (require.main === module) {
  const started = performance.now();
  prepareDemo({ workspace: process.argv[2] ?? DEFAULT_DEMO_WORKSPACE, onProgress: (line) => console.error(line) }).then(
    (demo) => {
      console.error(`prepared in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      console.log(demo.workspace);
    },
    (err: unknown) => {
      console.error(errorMessage(err));
      process.exit(1);
    },
  );
}
