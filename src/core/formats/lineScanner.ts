import { open } from 'node:fs/promises';

export interface ScannedLine {
  /** 1-based line number. */
  line: number;
  /** Byte offset of the line's first byte, for reading the record again later. */
  offset: number;
  /** Byte length without the line end. */
  length: number;
  text: string;
}

const CHUNK = 1 << 20;

/**
 * Reads a JSON Lines file in large chunks and hands on each non-blank line with its byte
 * offset, so an index can keep offsets instead of records and read one back on demand.
 * A BOM is skipped; CRLF ends are trimmed.
 */
export async function* scanLines(file: string): AsyncGenerator<ScannedLine> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK);
    let carry: Buffer = Buffer.alloc(0);
    let carryOffset = 0;
    let position = 0;
    let line = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, position);
      const chunk = bytesRead ? Buffer.concat([carry, buffer.subarray(0, bytesRead)]) : carry;
      const chunkOffset = carryOffset;
      position += bytesRead;
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf(0x0a, start);
        if (nl < 0) break;
        line++;
        const item = toLine(chunk, start, nl, chunkOffset, line);
        if (item) yield item;
        start = nl + 1;
      }
      carry = Buffer.from(chunk.subarray(start));
      carryOffset = chunkOffset + start;
      if (!bytesRead) {
        if (carry.length) {
          line++;
          const item = toLine(carry, 0, carry.length, carryOffset, line);
          if (item) yield item;
        }
        return;
      }
    }
  } finally {
    await handle.close();
  }
}

function toLine(chunk: Buffer, start: number, end: number, chunkOffset: number, line: number): ScannedLine | undefined {
  let s = start;
  let e = end;
  if (chunkOffset + s === 0 && chunk[s] === 0xef && chunk[s + 1] === 0xbb && chunk[s + 2] === 0xbf) s += 3;
  if (e > s && chunk[e - 1] === 0x0d) e--;
  const text = chunk.toString('utf8', s, e);
  if (text.trim() === '') return undefined;
  return { line, offset: chunkOffset + s, length: e - s, text };
}

/** Where a line is in its file: enough to read it back later without keeping it. */
export interface LineLocation {
  file: string;
  offset: number;
  length: number;
}

/** Reads back and parses one JSON line found by `scanLines`. */
export async function readRecordAt(where: LineLocation): Promise<unknown> {
  return JSON.parse(await readLineAt(where.file, where.offset, where.length));
}

/** Reads back one line found by `scanLines`. */
export async function readLineAt(file: string, offset: number, length: number): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, offset);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}
