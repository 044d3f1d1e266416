import { open } from 'node:fs/promises';

/**
 * GGUF, llama.cpp's model file: a header of typed key/value metadata and tensor descriptions,
 * then the tensor data. This reads the header (what preflight needs: context length, chat
 * template) without loading the weights. Spec: ggml's docs/gguf.md, version 3 (2 reads the same).
 */
export const GGUF_MAGIC = 'GGUF';
export const GGUF_VERSION = 3;
export const GGUF_DEFAULT_ALIGNMENT = 32;

/** Metadata value type codes, as the file stores them. */
export const GGUF_TYPES = ['u8', 'i8', 'u16', 'i16', 'u32', 'i32', 'f32', 'bool', 'string', 'array', 'u64', 'i64', 'f64'] as const;
export type GgufTypeName = (typeof GGUF_TYPES)[number];
export type GgufScalarType = Exclude<GgufTypeName, 'array'>;
export type GgufScalar = number | bigint | boolean | string;

export type GgufValue =
  | { type: Exclude<GgufScalarType, 'u64' | 'i64' | 'bool' | 'string'>; value: number }
  | { type: 'u64' | 'i64'; value: bigint }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'array'; itemType: GgufScalarType; value: GgufScalar[] };

/** ggml tensor types this project writes or names; others are reported by number. */
export const GGML_TYPE_F32 = 0;

export interface GgufTensorInfo {
  name: string;
  /** Dimensions innermost first (ggml's ne[0], ne[1], …). */
  dims: number[];
  ggmlType: number;
  /** From the start of the data section. */
  offset: number;
}

export interface GgufHeader {
  version: number;
  metadata: Map<string, GgufValue>;
  tensors: GgufTensorInfo[];
  alignment: number;
  /** Where the tensor data starts in the file. */
  dataOffset: number;
}

/** A file that is not GGUF, or is cut short; `truncated` means more bytes might make it readable. */
export class GgufError extends Error {
  override name = 'GgufError';
  constructor(
    message: string,
    readonly truncated = false,
  ) {
    super(message);
  }
}

export function parseGgufHeader(bytes: Uint8Array): GgufHeader {
  const r = new Reader(bytes);
  const magic = r.ascii(4);
  if (magic !== GGUF_MAGIC) throw new GgufError(`not a GGUF file (magic ${JSON.stringify(magic)})`);
  const version = r.u32();
  if (version !== 2 && version !== 3) throw new GgufError(`unsupported GGUF version ${version}`);
  const tensorCount = r.count();
  const kvCount = r.count();
  const metadata = new Map<string, GgufValue>();
  for (let i = 0; i < kvCount; i++) {
    const key = r.string();
    metadata.set(key, r.value(r.typeName()));
  }
  const tensors: GgufTensorInfo[] = [];
  for (let i = 0; i < tensorCount; i++) {
    const name = r.string();
    const nDims = r.u32();
    const dims = Array.from({ length: nDims }, () => r.count());
    tensors.push({ name, dims, ggmlType: r.u32(), offset: r.count() });
  }
  const align = metadata.get('general.alignment');
  const alignment = align?.type === 'u32' ? align.value : GGUF_DEFAULT_ALIGNMENT;
  return { version, metadata, tensors, alignment, dataOffset: alignTo(r.position, alignment) };
}

/** Reads a GGUF file's header, growing the read until the header fits (vocabularies run to megabytes). */
export async function readGgufHeader(path: string, maxHeaderBytes = 256 * 1024 * 1024): Promise<GgufHeader> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    for (let want = Math.min(size, 1024 * 1024); ; want = Math.min(size, maxHeaderBytes, want * 4)) {
      const buffer = Buffer.alloc(want);
      const { bytesRead } = await file.read(buffer, 0, want, 0);
      try {
        return parseGgufHeader(buffer.subarray(0, bytesRead));
      } catch (err) {
        if (!(err instanceof GgufError && err.truncated) || want >= size || want >= maxHeaderBytes) throw annotate(err, path);
      }
    }
  } finally {
    await file.close();
  }
}

export interface GgufModelFacts {
  architecture?: string;
  name?: string;
  /** `<arch>.context_length`: what the model was trained for. */
  contextLength?: number;
  chatTemplate?: string;
}

/** The facts preflight and the model picker show for a local `.gguf`. */
export function ggufModelFacts(header: GgufHeader): GgufModelFacts {
  const text = (key: string) => {
    const v = header.metadata.get(key);
    return v?.type === 'string' ? v.value : undefined;
  };
  const facts: GgufModelFacts = {};
  const architecture = text('general.architecture');
  if (architecture !== undefined) facts.architecture = architecture;
  const name = text('general.name');
  if (name !== undefined) facts.name = name;
  const ctx = architecture === undefined ? undefined : header.metadata.get(`${architecture}.context_length`);
  if (ctx && ctx.type !== 'array' && (typeof ctx.value === 'number' || typeof ctx.value === 'bigint')) facts.contextLength = Number(ctx.value);
  const template = text('tokenizer.chat_template');
  if (template !== undefined) facts.chatTemplate = template;
  return facts;
}

export function alignTo(offset: number, alignment: number): number {
  return Math.ceil(offset / alignment) * alignment;
}

function annotate(err: unknown, path: string): unknown {
  return err instanceof GgufError ? new GgufError(`${path}: ${err.message}`, err.truncated) : err;
}

class Reader {
  position = 0;
  private readonly view: DataView;
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private take(n: number): number {
    if (this.position + n > this.bytes.byteLength) throw new GgufError(`the header is cut short at byte ${this.bytes.byteLength}`, true);
    const at = this.position;
    this.position += n;
    return at;
  }

  u32(): number {
    return this.view.getUint32(this.take(4), true);
  }

  /** A u64 count or size, which must fit a JavaScript number to be usable at all. */
  count(): number {
    const value = this.view.getBigUint64(this.take(8), true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new GgufError(`implausible size ${value} at byte ${this.position - 8}`);
    return Number(value);
  }

  ascii(n: number): string {
    return String.fromCharCode(...this.bytes.subarray(this.take(n), this.position));
  }

  string(): string {
    const length = this.count();
    const at = this.take(length);
    return this.decoder.decode(this.bytes.subarray(at, at + length));
  }

  typeName(): GgufTypeName {
    const code = this.u32();
    const name = GGUF_TYPES[code];
    if (name === undefined) throw new GgufError(`unknown metadata type ${code} at byte ${this.position - 4}`);
    return name;
  }

  value(type: GgufTypeName): GgufValue {
    if (type === 'array') {
      const itemType = this.typeName();
      if (itemType === 'array') throw new GgufError('nested metadata arrays are not supported');
      const length = this.count();
      return { type, itemType, value: Array.from({ length }, () => this.scalar(itemType)) };
    }
    return { type, value: this.scalar(type) } as GgufValue;
  }

  private scalar(type: GgufScalarType): GgufScalar {
    const v = this.view;
    switch (type) {
      case 'u8':
        return v.getUint8(this.take(1));
      case 'i8':
        return v.getInt8(this.take(1));
      case 'u16':
        return v.getUint16(this.take(2), true);
      case 'i16':
        return v.getInt16(this.take(2), true);
      case 'u32':
        return v.getUint32(this.take(4), true);
      case 'i32':
        return v.getInt32(this.take(4), true);
      case 'f32':
        return v.getFloat32(this.take(4), true);
      case 'bool':
        return v.getUint8(this.take(1)) !== 0;
      case 'string':
        return this.string();
      case 'u64':
        return v.getBigUint64(this.take(8), true);
      case 'i64':
        return v.getBigInt64(this.take(8), true);
      case 'f64':
        return v.getFloat64(this.take(8), true);
    }
  }
}
