import { writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { RunProtocol } from '../schema/index.js';
import { protocolLabel } from './runProtocol.js';

/** What the run's manifest says besides what the runner knows. */
export interface RunManifestContext {
  /** The cases' file or folder, as given. */
  input: string;
  toolVersion: string;
  /** The fault types injected in two passes. */
  transitions: readonly string[];
}

/**
 * `<out>.manifest.json` beside the predictions: how the run was made, so a number can be traced
 * to its protocol. Rewritten at each start of the run (a resume included), before any request.
 */
export interface RunManifest {
  tool: 'robustlens';
  version: string;
  run: string;
  model: string;
  input: string;
  predictions: string;
  protocol: RunProtocol;
  protocol_label: string;
  transitions: string[];
  /** Cases in the input, transition cases included, before any is left out. */
  cases: number;
  /** Multi-turn cases the protocol leaves out, as `<id> (<split>)`. */
  skipped_multi_turn: string[];
  started_at: string;
}

/** `runs/qwen.jsonl` → `runs/qwen.manifest.json`. */
function manifestPath(out: string): string {
  return join(dirname(out), `${basename(out, extname(out))}.manifest.json`);
}

export async function writeRunManifest(out: string, manifest: Omit<RunManifest, 'tool' | 'protocol_label' | 'predictions'>): Promise<void> {
  const full: RunManifest = { tool: 'robustlens', ...manifest, predictions: basename(out), protocol_label: protocolLabel(manifest.protocol) };
  await writeFile(manifestPath(out), `${JSON.stringify(full, null, 2)}\n`);
}
