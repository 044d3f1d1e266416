import { type FileHandle, open } from 'node:fs/promises';
import { JsonTooDeepError, parseJson, predictionRecord, type PredictionRecord, splitOf } from '../schema/index.js';
import { scanLines, type ProblemSink } from '../formats/index.js';
import { withPath } from '../../common/errorMessage.js';
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

/** Bytes read at a time while looking back from the end of the file for its last newline. */
const TAIL_CHUNK = 64 * 1024;

/**
 * Prepares an output file for appending and says what it already holds.
 * A torn last line is the record that was being written when the run died: it was never
 * acknowledged, so it is cut off and that case runs again. Lines are found and cut on bytes,
 * never on decoded text: invalid UTF-8 decodes to replacement characters of another length,
 * so a cut computed on text would land inside a record and glue the next one to it.
 */
export async function prepareResume(file: string, onProblem: ProblemSink): Promise<ResumePoint> {
  const point: ResumePoint = { done: new Set(), protocols: new Map() };
  try {
    for await (const { line, text, ended, badUtf8 } of scanLines(file, onProblem)) {
      if (!ended) {
        onProblem({ file, line, severity: 'warning', message: 'torn last record from an interrupted run; removed, the case runs again' });
        continue;
      }
      const record = readRecord(text, badUtf8);
      if (typeof record === 'string') onProblem({ file, line, severity: 'error', message: `${record}; the case runs again` });
      else count(point, record);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return point;
    throw err;
  }
  await cutTornTail(file);
  return point;
}

/** The record on a complete line, or what is wrong with it. */
function readRecord(text: string, badUtf8: boolean): PredictionRecord | string {
  // Replacement characters would stand in for the damaged bytes: the record is not what was written.
  if (badUtf8) return 'not valid UTF-8';
  let value: unknown;
  try {
    value = parseJson(text);
  } catch (err) {
    return err instanceof JsonTooDeepError ? `nested deeper than ${err.limit} levels` : 'not valid JSON';
  }
  const parsed = predictionRecord.safeParse(value);
  return parsed.success ? parsed.data : 'not a valid prediction record';
}

function count({ done, protocols }: ResumePoint, record: PredictionRecord): void {
  done.add(caseKey(record.id, splitOf(record)));
  const label = record.protocol ? protocolLabel(record.protocol) : 'unrecorded';
  protocols.set(label, (protocols.get(label) ?? 0) + 1);
}

/** Truncates the file just past its last newline, so the next record appended starts a line of its own. */
async function cutTornTail(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    const { size } = await handle.stat();
    const end = await completeLinesEnd(handle, size);
    if (end === size) return;
    await handle.truncate(end);
    await handle.sync();
  } catch (err) {
    throw withPath(err, file);
  } finally {
    await handle.close();
  }
}

/** The byte offset just past the last newline (0 when there is none), read backwards from the end. */
async function completeLinesEnd(handle: FileHandle, size: number): Promise<number> {
  const buffer = Buffer.alloc(TAIL_CHUNK);
  for (let end = size; end > 0; ) {
    const start = Math.max(0, end - TAIL_CHUNK);
    const { bytesRead } = await handle.read(buffer, 0, end - start, start);
    const nl = buffer.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (nl >= 0) return start + nl + 1;
    end = start;
  }
  return 0;
}
