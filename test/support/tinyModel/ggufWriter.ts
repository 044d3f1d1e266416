import { alignTo, GGML_TYPE_F32, GGUF_DEFAULT_ALIGNMENT, GGUF_MAGIC, GGUF_TYPES, GGUF_VERSION, type GgufScalar, type GgufScalarType, type GgufValue } from '../../../src/core/model/gguf.js';

export interface F32Tensor {
  name: string;
  /** Innermost first, as ggml counts them: a matrix mapping n_in → n_out is `[n_in, n_out]`. */
  dims: number[];
  data: Float32Array;
}

/**
 * Writes a GGUF v3 file with F32 tensors: the header, then each tensor at the next multiple of
 * the alignment. The output depends only on the arguments (metadata in the order given), so the
 * same model is the same bytes.
 */
export function writeGguf(metadata: ReadonlyMap<string, GgufValue>, tensors: readonly F32Tensor[]): Buffer {
  // Tensor data is copied as the machine holds it; GGUF is little-endian.
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('writing GGUF needs a little-endian machine');
  const w = new Writer();
  w.raw(Buffer.from(GGUF_MAGIC, 'ascii'));
  w.u32(GGUF_VERSION);
  w.u64(tensors.length);
  w.u64(metadata.size);
  for (const [key, value] of metadata) {
    w.string(key);
    w.value(value);
  }
  let offset = 0;
  const offsets: number[] = [];
  for (const tensor of tensors) {
    const elements = tensor.dims.reduce((a, b) => a * b, 1);
    if (elements !== tensor.data.length) throw new RangeError(`${tensor.name}: dims ${tensor.dims.join('×')} hold ${elements} values, data has ${tensor.data.length}`);
    w.string(tensor.name);
    w.u32(tensor.dims.length);
    for (const d of tensor.dims) w.u64(d);
    w.u32(GGML_TYPE_F32);
    w.u64(offset);
    offsets.push(offset);
    offset = alignTo(offset + tensor.data.byteLength, GGUF_DEFAULT_ALIGNMENT);
  }
  const header = w.done();
  const dataStart = alignTo(header.length, GGUF_DEFAULT_ALIGNMENT);
  const out = Buffer.alloc(dataStart + offset);
  header.copy(out);
  tensors.forEach((tensor, i) => {
    Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength).copy(out, dataStart + offsets[i]!);
  });
  return out;
}

class Writer {
  private readonly chunks: Buffer[] = [];

  raw(bytes: Buffer): void {
    this.chunks.push(bytes);
  }

  u32(n: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    this.raw(b);
  }

  u64(n: number | bigint): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(n));
    this.raw(b);
  }

  string(s: string): void {
    const bytes = Buffer.from(s, 'utf8');
    this.u64(bytes.length);
    this.raw(bytes);
  }

  value(v: GgufValue): void {
    this.u32(GGUF_TYPES.indexOf(v.type));
    if (v.type !== 'array') return this.scalar(v.type, v.value);
    this.u32(GGUF_TYPES.indexOf(v.itemType));
    this.u64(v.value.length);
    for (const item of v.value) this.scalar(v.itemType, item);
  }

  private scalar(type: GgufScalarType, value: GgufScalar): void {
    if (type === 'string') return this.string(String(value));
    if (type === 'u64' || type === 'i64') {
      const b = Buffer.alloc(8);
      if (type === 'u64') b.writeBigUInt64LE(BigInt(value as bigint | number));
      else b.writeBigInt64LE(BigInt(value as bigint | number));
      return this.raw(b);
    }
    const b = Buffer.alloc(SIZES[type]);
    const n = Number(value);
    switch (type) {
      case 'u8':
      case 'bool':
        b.writeUInt8(n);
        break;
      case 'i8':
        b.writeInt8(n);
        break;
      case 'u16':
        b.writeUInt16LE(n);
        break;
      case 'i16':
        b.writeInt16LE(n);
        break;
      case 'u32':
        b.writeUInt32LE(n);
        break;
      case 'i32':
        b.writeInt32LE(n);
        break;
      case 'f32':
        b.writeFloatLE(n);
        break;
      case 'f64':
        b.writeDoubleLE(n);
        break;
    }
    this.raw(b);
  }

  done(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

const SIZES: Record<Exclude<GgufScalarType, 'string' | 'u64' | 'i64'>, number> = { u8: 1, i8: 1, bool: 1, u16: 2, i16: 2, u32: 4, i32: 4, f32: 4, f64: 8 };
