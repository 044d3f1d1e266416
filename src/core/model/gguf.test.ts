import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeTinyModel, TOOL_CHAT_TEMPLATE } from '../../../test/support/tinyModel/index.js';
import { GgufError, ggufModelFacts, parseGgufHeader, readGgufHeader } from './gguf.js';

// The generated tiny model is a real GGUF file that llama.cpp loads: the reader is checked on it.
const model = makeTinyModel();

test('the GGUF reader gives preflight the context length and chat template, from a file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rl-gguf-'));
  try {
    const path = join(dir, 'tiny.gguf');
    await writeFile(path, model);
    const facts = ggufModelFacts(await readGgufHeader(path));
    assert.deepEqual(facts, { architecture: 'llama', name: 'robustlens-tiny', contextLength: 4096, chatTemplate: TOOL_CHAT_TEMPLATE });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the GGUF reader rejects other files and says when one is cut short', () => {
  assert.throws(() => parseGgufHeader(Buffer.from('PK\u0003\u0004 not a model')), /not a GGUF file/);
  assert.throws(
    () => parseGgufHeader(model.subarray(0, 2000)),
    (err: unknown) => err instanceof GgufError && err.truncated,
  );
});
