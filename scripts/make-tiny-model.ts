// Writes the generated tiny test model (see test/support/tinyModel/tinyGguf.ts) to a file.
//   npx tsx scripts/make-tiny-model.ts [path] [--seed N]
// The default path is gitignored; the same seed always gives the same bytes.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { makeTinyModel, TINY_MODEL_DEFAULT_SEED } from '../test/support/tinyModel/index.js';
import { errorMessage } from '../src/common/errorMessage.js';

const DEFAULT_TINY_MODEL_PATH = '.robustlens-cache/tiny-model.gguf';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { seed: { type: 'string' } } });
  const seed = values.seed === undefined ? TINY_MODEL_DEFAULT_SEED : Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
  const path = resolve(positionals[0] ?? DEFAULT_TINY_MODEL_PATH);
  const bytes = makeTinyModel(seed);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
  console.log(`${path} (${bytes.length} bytes, seed ${seed})`);
}

main().catch((err: unknown) => {
  console.error(errorMessage(err));
  process.exit(1);
});
