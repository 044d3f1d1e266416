import { readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isBfclRunDir, scanLines } from '../formats/index.js';
import { parseJson } from '../schema/index.js';

export interface FoundSource {
  kind: 'predictions' | 'bfcl-run' | 'eval-set';
  /** A file for predictions; a folder for BFCL runs and eval sets. */
  path: string;
  /** Eval sets: their row files (`clean.jsonl`, `<type>.jsonl`). */
  files?: string[];
}

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test', '.robustlens']);
const MAX_DEPTH = 8;
/** Lines looked at for a first record: enough to get past a few bad ones, few enough that an unrelated file costs little. */
const SNIFF_LINES = 20;

/** A line's value when it is a RobustBench-TC row or prediction record. */
function recordOf(text: string): Record<string, unknown> | undefined {
  try {
    const value = parseJson(text);
    return value && typeof value === 'object' && 'golden_answers' in value && 'tools' in value ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What a JSON Lines file holds, judged by its first record among the first lines: a bad first
 * line (torn, hand-edited, hostile) must not hide the whole file; reading it reports that line.
 */
export async function sniffJsonl(file: string): Promise<'predictions' | 'eval-rows' | undefined> {
  let seen = 0;
  try {
    for await (const { text } of scanLines(file)) {
      const record = recordOf(text);
      if (record) return 'prediction' in record ? 'predictions' : 'eval-rows';
      if (++seen >= SNIFF_LINES) return undefined;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** A path as given on a command line: a prediction file, or a folder to search. */
export async function discoverPath(path: string): Promise<FoundSource[]> {
  if ((await stat(path)).isDirectory()) return discoverSources(path);
  const kind = await sniffJsonl(path);
  if (kind === 'predictions') return [{ kind: 'predictions', path }];
  if (kind === 'eval-rows') return [{ kind: 'eval-set', path: dirname(path), files: [path] }];
  return [];
}

/**
 * Finds result sources under a folder: BFCL run folders, RobustBench-TC prediction files, and
 * eval-set folders (rows without predictions, e.g. `robustlens perturb` output).
 */
export async function discoverSources(root: string): Promise<FoundSource[]> {
  const found: FoundSource[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (await isBfclRunDir(dir)) {
      found.push({ kind: 'bfcl-run', path: dir });
      return;
    }
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const rowFiles: string[] = [];
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, e.name);
      if (e.isDirectory() && depth < MAX_DEPTH && !SKIP_DIRS.has(e.name)) await walk(path, depth + 1);
      else if (e.isFile() && e.name.endsWith('.jsonl')) {
        const kind = await sniffJsonl(path);
        if (kind === 'predictions') found.push({ kind: 'predictions', path });
        else if (kind === 'eval-rows') rowFiles.push(path);
      }
    }
    if (rowFiles.length) found.push({ kind: 'eval-set', path: dir, files: rowFiles });
  };
  await walk(root, 0);
  return found;
}
