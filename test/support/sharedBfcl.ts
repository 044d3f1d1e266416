// Real BFCL data from ../shared/data, for tests that must run on it (and skip when it is absent).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readCleanRows } from '../../src/core/perturb/cleanRows.js';
import type { EvalRow } from '../../src/core/schema/index.js';

export const SHARED_BFCL_DIR = resolve('../shared/data/bfcl');

/** The shared BFCL categories that come with possible answers. */
export const ANSWERED_CATEGORIES = [
  'simple_python',
  'simple_javascript',
  'multiple',
  'parallel',
  'parallel_multiple',
  'live_simple',
  'live_multiple',
  'live_parallel',
] as const;

export function sharedBfclFile(category: string): string {
  return join(SHARED_BFCL_DIR, `BFCL_v4_${category}.json`);
}

/** Why the shared data cannot be used, or undefined when it is there. */
export function sharedBfclMissing(): string | undefined {
  return existsSync(sharedBfclFile('multiple')) ? undefined : `shared BFCL data absent (${SHARED_BFCL_DIR})`;
}

/** The clean rows of one shared category; problems fail loudly, since the shared files are known good. */
export async function loadSharedRows(category: string): Promise<EvalRow[]> {
  const rows: EvalRow[] = [];
  const fail = (what: unknown) => {
    throw new Error(`unexpected problem reading shared BFCL data: ${JSON.stringify(what)}`);
  };
  for await (const row of readCleanRows(sharedBfclFile(category), fail, () => undefined)) rows.push(row);
  return rows;
}
