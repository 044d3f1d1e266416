import { isUtf8 } from 'node:buffer';
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { parseJson } from '../schema/index.js';
import type { ProblemSink } from './problems.js';
import { withPath } from '../../common/errorMessage.js';

export interface ScannedLine {
  /** 1-based line number. */
  line: number;
  /** Byte offset of the line's first byte, for reading the record again later. */
  offset: number;
  /** Byte length without the line end. */
  length: number;
  /** False for a last line without a newline: in a file written by appending, a torn write. */
  ended: boolean;
  /** The line is not valid UTF-8: `text` holds U+FFFD in place of the bad bytes, so it is not what was written. */
  badUtf8: boolean;
  text: string;
}

const CHUNK = 1 << 20;

/**
 * The longest line read: 64 MiB. A record is a few KB, but one `run` writes holds a model's
 * answer (capped at 16 MiB by the model layer) both raw and as parsed calls, beside its row, so the
 * limit is four times that cap. A longer line is damage or hostility, and holding it would let one
 * file without newlines (`/dev/zero`, a binary) take all memory: it is skipped, unread.
 */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

/**
 * Reads a JSON Lines file in large chunks and hands on each non-blank line with its byte
 * offset, so an index can keep offsets instead of records and read one back on demand.
 * A BOM is skipped; CRLF ends are trimmed. Files of any size stream; memory is bounded by
 * `maxLineBytes`: a longer line becomes a problem (when `onProblem` is given) and is skipped.
 * What is not a regular file (a device, a FIFO, a folder) is refused, and errors name the file.
 */
export async function* scanLines(file: string, onProblem?: ProblemSink, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<ScannedLine> {
  const handle = await openRegularFile(file);
  try {
    const splitter = new LineSplitter(file, maxLineBytes, onProblem);
    for (let position = 0; ; ) {
      const data = await readChunk(handle, file, position);
      if (data.length === 0) {
        const last = splitter.finish();
        if (last) yield last;
        return;
      }
      yield* splitter.push(data, position);
      position += data.length;
    }
  } finally {
    await handle.close();
  }
}

/**
 * Cuts bytes, pushed chunk by chunk in file order, into lines. Only the line being read is
 * kept between chunks, and not even that once it is over the limit.
 */
export class LineSplitter {
  /** The bytes so far of the line being read, which starts at file offset `start`. */
  private parts: Buffer[] = [];
  private partsLength = 0;
  /** The line being read is over the limit: its bytes are dropped until its newline. */
  private skipping = false;
  private start = 0;
  private line = 0;

  constructor(
    private readonly file: string,
    private readonly maxLineBytes: number,
    private readonly onProblem?: ProblemSink,
  ) {}

  /** The lines that `data`, the bytes at file offset `offset`, completes. */
  *push(data: Buffer, offset: number): Generator<ScannedLine> {
    let from = 0;
    for (let nl = data.indexOf(0x0a); nl >= 0; nl = data.indexOf(0x0a, from)) {
      this.parts.push(data.subarray(from, nl));
      this.partsLength += nl - from;
      const item = this.complete(true);
      if (item) yield item;
      from = nl + 1;
      this.start = offset + from;
    }
    if (this.skipping) return;
    this.parts.push(data.subarray(from));
    this.partsLength += data.length - from;
    if (this.partsLength > this.maxLineBytes) this.skip(true);
  }

  /** The last line, when the file does not end with a newline. */
  finish(): ScannedLine | undefined {
    return this.skipping || this.partsLength > 0 ? this.complete(false) : undefined;
  }

  private complete(ended: boolean): ScannedLine | undefined {
    this.line++;
    const tooLong = this.skipping || this.partsLength > this.maxLineBytes;
    const item = tooLong ? undefined : toLine(this.lineBytes(), this.start, this.line, ended);
    if (tooLong) this.onProblem?.({ file: this.file, line: this.line, severity: 'error', message: `line longer than ${this.maxLineBytes} bytes (the limit for one line); skipped`, kind: 'line-too-long' });
    this.skip(false);
    return item;
  }

  private lineBytes(): Buffer {
    return this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.partsLength);
  }

  /** Drops the bytes kept of the line being read; `skipping` says whether the rest of it is dropped too. */
  private skip(skipping: boolean): void {
    this.skipping = skipping;
    this.parts = [];
    this.partsLength = 0;
  }
}

function toLine(bytes: Buffer, offset: number, line: number, ended: boolean): ScannedLine | undefined {
  let s = 0;
  let e = bytes.length;
  if (offset === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) s = 3;
  if (e > s && bytes[e - 1] === 0x0d) e--;
  const body = bytes.subarray(s, e);
  const text = body.toString('utf8');
  if (text.trim() === '') return undefined;
  return { line, offset: offset + s, length: e - s, ended, badUtf8: !isUtf8(body), text };
}

/** Opens `file` for reading if it is a regular file; non-blocking, so a FIFO cannot stall the open before it is refused. */
async function openRegularFile(file: string): Promise<FileHandle> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  let regular: boolean;
  try {
    regular = (await handle.stat()).isFile();
  } catch (err) {
    await handle.close();
    throw withPath(err, file);
  }
  if (regular) return handle;
  await handle.close();
  throw new Error(`${file}: not a regular file`);
}

async function readChunk(handle: FileHandle, file: string, position: number, length = CHUNK): Promise<Buffer> {
  try {
    const buffer = Buffer.allocUnsafe(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
  } catch (err) {
    throw withPath(err, file);
  }
}

/** Where a line is in its file: enough to read it back later without keeping it. */
export interface LineLocation {
  file: string;
  offset: number;
  length: number;
}

/** Reads back and parses one JSON line found by `scanLines`. */
export async function readRecordAt(where: LineLocation): Promise<unknown> {
  // The file may have changed since it was scanned: the depth limit holds here too.
  return parseJson(await readLineAt(where.file, where.offset, where.length));
}

/** Reads back one line found by `scanLines`; a length over the line limit is refused, as `scanLines` would have. */
export async function readLineAt(file: string, offset: number, length: number): Promise<string> {
  if (length > MAX_LINE_BYTES) throw new Error(`${file}: the line at byte ${offset} is longer than ${MAX_LINE_BYTES} bytes (the limit for one line)`);
  const handle = await openRegularFile(file);
  try {
    return (await readChunk(handle, file, offset, length)).toString('utf8');
  } finally {
    await handle.close();
  }
}
