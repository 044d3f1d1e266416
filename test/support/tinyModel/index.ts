// The generated tiny test model (tinyGguf.ts), and the same written to a temporary file for a test.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTinyModel } from './tinyGguf.js';

export { makeTinyModel, TINY_MODEL_DEFAULT_SEED, TINY_MODEL_SHAPE } from './tinyGguf.js';
export { TOOL_CHAT_TEMPLATE } from './toolChatTemplate.js';

/**
 * One thread: the tiny model gains nothing from more, and llama.cpp's threads spin while they
 * wait, so on a shared 2-core machine two of them run many times slower than one.
 */
export const TEST_THREADS = 1;

/** The name the tiny model gives itself (`general.name`). */
export const TINY_MODEL_NAME = 'robustlens-tiny';

export interface TinyModelFile {
  path: string;
  remove(): Promise<void>;
}

export async function writeTinyModel(): Promise<TinyModelFile> {
  const dir = await mkdtemp(join(tmpdir(), 'rl-tiny-'));
  const path = join(dir, 'tiny-model.gguf');
  await writeFile(path, makeTinyModel());
  return { path, remove: () => rm(dir, { recursive: true, force: true }) };
}
