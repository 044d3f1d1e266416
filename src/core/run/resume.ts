import { open, readFile } from 'node:fs/promises';
import { predictionRecord, splitOf } from '../schema/index.js';
import type { ProblemSink } from '../formats/index.js';
import { protocolLabel } from './runProtocol.js';

export function caseKey(id: string, split: string): string {
  return JSON.stringify([id, split]);
}

export interface ResumePoint {
  /** The (id, split) keys the file already holds. */
  done: Set<string>;
  /** How many of its records name each protocol (`protocolLabel`; `unrecorded` for records that name none). */
  protocols: Map<string, number>;
}

/**
 * Prepares an output file for appending and says what it already holds.
 * A torn last line is the record that was being written when the run died: it was never
 * acknowledged, so it is cut off and that case runs again.
 */
export async function prepareResume(file: string, onProblem: ProblemSink): Promise<ResumePoint> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { done: new Set(), protocols: new Map() };
    throw err;
  }
  const done = new Set<string>();
  const protocols = new Map<string, number>();
  const end = text.endsWith('\n') ? text.length : text.lastIndexOf('\n') + 1;
  if (end < text.length) {
    onProblem({ file, line: text.slice(0, end).split('\n').length, severity: 'warning', message: 'torn last record from an interrupted run; removed, the case runs again' });
    const handle = await open(file, 'r+');
    try {
      await handle.truncate(Buffer.byteLength(text.slice(0, end)));
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
  text.slice(0, end).split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      onProblem({ file, line: i + 1, severity: 'error', message: 'not valid JSON; the case runs again' });
      return;
    }
    const parsed = predictionRecord.safeParse(value);
    if (!parsed.success) {
      onProblem({ file, line: i + 1, severity: 'error', message: 'not a valid prediction record; the case runs again' });
      return;
    }
    done.add(caseKey(parsed.data.id, splitOf(parsed.data)));
    const label = parsed.data.protocol ? protocolLabel(parsed.data.protocol) : 'unrecorded';
    protocols.set(label, (protocols.get(label) ?? 0) + 1);
  });
  return { done, protocols };
}
