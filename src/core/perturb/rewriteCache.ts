import { createHash } from 'node:crypto';
import { access, appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { type ProblemSink, readValidatedLines } from '../formats/index.js';

const cachedRewrite = z.object({
  key: z.string(),
  type: z.string(),
  id: z.string(),
  seed: z.number(),
  model: z.string(),
  input_hash: z.string(),
  /** The accepted rewrite, or null when every attempt was rejected. */
  output: z.string().nullable(),
  reason: z.string().optional(),
  attempts: z.number().int().positive(),
});
export type CachedRewrite = z.infer<typeof cachedRewrite>;

export interface CacheKeyParts {
  type: string;
  id: string;
  seed: number;
  model: string;
  instruction: string;
  text: string;
}

export type CacheKey = Pick<CachedRewrite, 'key' | 'type' | 'id' | 'seed' | 'model' | 'input_hash'>;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Rewrites by (type, sample id, seed, model, input hash), in a JSON-lines file that only grows,
 * so the same command regenerates an LLM-perturbed dataset byte for byte without asking the
 * model again. The input hash covers the instruction and the text, so a changed prompt or a
 * changed sample never reuses an old rewrite.
 */
export class RewriteCache {
  private constructor(
    private readonly file: string | undefined,
    private readonly entries: Map<string, CachedRewrite>,
  ) {}

  /** Loads the cache file (absent = empty); lines that do not parse are problems and are skipped. */
  static async open(file: string, onProblem: ProblemSink): Promise<RewriteCache> {
    const entries = new Map<string, CachedRewrite>();
    const exists = await access(file).then(() => true, () => false);
    if (exists) for await (const { value } of readValidatedLines(file, cachedRewrite, onProblem, 'rewrite cache entry')) entries.set(value.key, value);
    return new RewriteCache(file, entries);
  }

  /** A cache that lives in memory only (tests, one-off runs). */
  static inMemory(): RewriteCache {
    return new RewriteCache(undefined, new Map());
  }

  keyOf(parts: CacheKeyParts): CacheKey {
    const input_hash = sha256(`${parts.instruction}\u0000${parts.text}`);
    const key = sha256(JSON.stringify([parts.type, parts.id, parts.seed, parts.model, input_hash]));
    return { key, type: parts.type, id: parts.id, seed: parts.seed, model: parts.model, input_hash };
  }

  get(key: string): CachedRewrite | undefined {
    return this.entries.get(key);
  }

  get size(): number {
    return this.entries.size;
  }

  async put(entry: CachedRewrite): Promise<void> {
    this.entries.set(entry.key, entry);
    if (!this.file) return;
    await mkdir(dirname(this.file), { recursive: true });
    await appendFile(this.file, `${JSON.stringify(entry)}\n`);
  }
}
