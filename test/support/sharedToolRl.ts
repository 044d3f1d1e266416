// ToolRL's own data from ../shared/data/toolrl (Apache-2.0), for tests that must run on it (and skip when it is absent).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SHARED_TOOLRL_DIR = resolve('../shared/data/toolrl');
export const TOOLRL_SFT_FILE = join(SHARED_TOOLRL_DIR, 'rlla_sft.json');
export const TOOLRL_PARQUET_FILE = join(SHARED_TOOLRL_DIR, 'rlla_4k_test.parquet');
export const TOOLRL_REWARD_FILE = join(SHARED_TOOLRL_DIR, 'reward_rlla.py');

/** Why the shared ToolRL data cannot be used, or undefined when it is there. */
export function sharedToolRlMissing(): string | undefined {
  return [TOOLRL_SFT_FILE, TOOLRL_PARQUET_FILE, TOOLRL_REWARD_FILE].every((f) => existsSync(f)) ? undefined : `shared ToolRL data absent (${SHARED_TOOLRL_DIR})`;
}
