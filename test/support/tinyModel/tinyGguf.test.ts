import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GGML_TYPE_F32, parseGgufHeader, type GgufHeader, type GgufValue } from '../../../src/core/model/gguf.js';
import { BYTE_TO_UNICODE, toByteSymbols } from './byteLevelBpe.js';
import { makeTinyModel, TINY_MODEL_SHAPE } from './tinyGguf.js';
import { TOOL_CHAT_TEMPLATE } from './toolChatTemplate.js';

const model = makeTinyModel();
const header = parseGgufHeader(model);
const s = TINY_MODEL_SHAPE;

function value(key: string): GgufValue['value'] | undefined {
  return header.metadata.get(key)?.value;
}

function strings(key: string): string[] {
  const v = header.metadata.get(key);
  assert.ok(v?.type === 'array', `${key} is an array`);
  return v.value as string[];
}

function tensor(h: GgufHeader, bytes: Buffer, name: string): Float32Array {
  const info = h.tensors.find((t) => t.name === name);
  assert.ok(info, `tensor ${name}`);
  const count = info.dims.reduce((a, b) => a * b, 1);
  const start = h.dataOffset + info.offset;
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + start + count * 4));
}

test('the tiny model is a GGUF v3 llama model with the intended shape', () => {
  assert.equal(header.version, 3);
  assert.equal(value('general.architecture'), 'llama');
  assert.equal(value('llama.embedding_length'), s.embedding);
  assert.equal(value('llama.block_count'), s.layers);
  assert.equal(value('llama.attention.head_count'), s.heads);
  assert.equal(value('llama.attention.head_count_kv'), s.kvHeads);
  assert.equal(value('llama.feed_forward_length'), s.feedForward);
  assert.equal(value('llama.context_length'), s.context);
  assert.equal(value('tokenizer.ggml.model'), 'gpt2');
  assert.equal(value('tokenizer.ggml.pre'), 'qwen2');
  assert.equal(value('tokenizer.chat_template'), TOOL_CHAT_TEMPLATE);
  assert.ok(model.length < 1024 * 1024, `${model.length} bytes`);
});

test('the vocabulary: every byte, merges of existing tokens, ChatML and tool-call specials', () => {
  const tokens = strings('tokenizer.ggml.tokens');
  const types = strings('tokenizer.ggml.token_type') as unknown as number[];
  const merges = strings('tokenizer.ggml.merges');
  assert.equal(value('llama.vocab_size'), tokens.length);
  assert.deepEqual(tokens.slice(0, 256), BYTE_TO_UNICODE);
  assert.equal(merges.length, s.merges);
  const known = new Set(tokens);
  for (const merge of merges) {
    const [left, right] = merge.split(' ') as [string, string];
    assert.ok(known.has(left) && known.has(right) && known.has(left + right), merge);
  }
  const id = (t: string) => tokens.indexOf(t);
  assert.equal(value('tokenizer.ggml.eos_token_id'), id('<|im_end|>'));
  assert.equal(value('tokenizer.ggml.bos_token_id'), id('<|endoftext|>'));
  assert.equal(types[id('<|im_start|>')], 3, 'control');
  assert.equal(types[id('<tool_call>')], 4, 'user-defined: printed in the output');
  assert.equal(types[id('</tool_call>')], 4);
  assert.equal(types[0], 1);
});

test('tensors are F32, laid out aligned, one after another, filling the file', () => {
  const names = header.tensors.map((t) => t.name);
  assert.equal(names.length, 3 + 9 * s.layers);
  assert.ok(names.includes('blk.1.ffn_down.weight'));
  const nVocab = strings('tokenizer.ggml.tokens').length;
  const byName = new Map(header.tensors.map((t) => [t.name, t]));
  assert.deepEqual(byName.get('token_embd.weight')?.dims, [s.embedding, nVocab]);
  assert.deepEqual(byName.get('output.weight')?.dims, [s.embedding, nVocab]);
  assert.deepEqual(byName.get('blk.0.attn_k.weight')?.dims, [s.embedding, (s.embedding / s.heads) * s.kvHeads]);
  assert.deepEqual(byName.get('blk.0.ffn_down.weight')?.dims, [s.feedForward, s.embedding]);
  let end = 0;
  for (const t of header.tensors) {
    assert.equal(t.ggmlType, GGML_TYPE_F32);
    assert.equal(t.offset % header.alignment, 0, t.name);
    assert.ok(t.offset >= end, `${t.name} overlaps the tensor before it`);
    end = t.offset + t.dims.reduce((a, b) => a * b, 1) * 4;
  }
  assert.equal(header.dataOffset % header.alignment, 0);
  assert.equal(header.dataOffset + end, model.length);
});

test('the same seed gives the same bytes; another seed other weights', () => {
  assert.ok(makeTinyModel().equals(model));
  const other = makeTinyModel(2);
  assert.equal(other.length, model.length);
  assert.ok(!other.equals(model));
});

test('the bigram rules: the embedding and output weights alone prefer the next token of each rule', () => {
  const tokens = strings('tokenizer.ggml.tokens');
  const embedding = tensor(header, model, 'token_embd.weight');
  const output = tensor(header, model, 'output.weight');
  const id = (text: string) => {
    const found = tokens.indexOf(text.startsWith('<') && text.length > 1 ? text : toByteSymbols(text));
    assert.ok(found >= 0, text);
    return found;
  };
  // Logits with the layers left out (their weights are small): output · rmsnorm(embedding).
  const preferred = (token: number) => {
    const e = embedding.subarray(token * s.embedding, (token + 1) * s.embedding);
    const rms = Math.sqrt(e.reduce((a, x) => a + x * x, 0) / s.embedding);
    let best = -1;
    let bestLogit = -Infinity;
    for (let j = 0; j < tokens.length; j++) {
      let logit = 0;
      for (let d = 0; d < s.embedding; d++) logit += output[j * s.embedding + d]! * (e[d]! / rms);
      if (logit > bestLogit) [best, bestLogit] = [j, logit];
    }
    return tokens[best];
  };
  assert.equal(preferred(id('\n')), '<tool_call>');
  assert.equal(preferred(id('<tool_call>')), toByteSymbols('\n'));
  assert.equal(preferred(id('}')), '</tool_call>');
  assert.equal(preferred(id('</tool_call>')), '<|im_end|>');
  assert.ok([',', '}'].map(toByteSymbols).includes(preferred(id('7'))!));
});
