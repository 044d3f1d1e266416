/**
 * GPT-2's byte-level BPE, as far as writing a vocabulary needs it: every byte is a token spelled
 * with a printable stand-in character, and merges join adjacent tokens by rank. llama.cpp reads
 * such a vocabulary when `tokenizer.ggml.model` is `gpt2`.
 */

/** GPT-2's `bytes_to_unicode`: printable Latin-1 bytes stand for themselves, the others for U+0100…. */
export const BYTE_TO_UNICODE: readonly string[] = (() => {
  const printable = (b: number) => (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  let next = 0;
  return Array.from({ length: 256 }, (_, b) => String.fromCodePoint(printable(b) ? b : 256 + next++));
})();

const UNICODE_TO_BYTE = new Map(BYTE_TO_UNICODE.map((symbol, byte) => [symbol, byte]));

/** Text as byte-level symbols: `" a\n"` → `"ĠaĊ"`. */
export function toByteSymbols(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => BYTE_TO_UNICODE[b]).join('');
}

/** The text a byte-level token stands for (a token cut inside a UTF-8 sequence decodes to U+FFFD). */
export function fromByteSymbols(symbols: string): string {
  return Buffer.from([...symbols].map((s) => UNICODE_TO_BYTE.get(s) ?? 0x3f)).toString('utf8');
}

/**
 * The pre-tokenizer llama.cpp applies for `tokenizer.ggml.pre = qwen2` (merges never cross these
 * pieces): contractions, letters with one leading non-letter, single digits, punctuation runs,
 * newline runs, other whitespace. JavaScript has no inline `(?i:…)`, so the contractions list
 * both cases.
 */
const QWEN2_PIECES = /'(?:[sS]|[tT]|[rR][eE]|[vV][eE]|[mM]|[lL][lL]|[dD])|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+/gu;

/**
 * Learns `count` merges from `corpus` the way BPE training does: repeatedly join the most frequent
 * adjacent pair inside pre-tokenized pieces. Ties go to the pair that sorts first, so the result
 * depends on the corpus alone. Returns the merges in rank order, each as `[left, right]`.
 */
export function learnMerges(corpus: string, count: number): [string, string][] {
  const pieceCounts = new Map<string, number>();
  for (const piece of corpus.match(QWEN2_PIECES) ?? []) pieceCounts.set(piece, (pieceCounts.get(piece) ?? 0) + 1);
  const words = [...pieceCounts].map(([piece, n]) => ({ symbols: [...toByteSymbols(piece)], n }));
  const merges: [string, string][] = [];
  while (merges.length < count) {
    const pairs = new Map<string, number>();
    for (const { symbols, n } of words) {
      for (let i = 0; i + 1 < symbols.length; i++) {
        const key = `${symbols[i]} ${symbols[i + 1]}`;
        pairs.set(key, (pairs.get(key) ?? 0) + n);
      }
    }
    let best: string | undefined;
    let bestCount = 0;
    for (const [key, n] of pairs) {
      if (n > bestCount || (n === bestCount && best !== undefined && key < best)) {
        best = key;
        bestCount = n;
      }
    }
    if (best === undefined) break;
    const [left, right] = best.split(' ') as [string, string];
    merges.push([left, right]);
    for (const word of words) word.symbols = mergePair(word.symbols, left, right);
  }
  return merges;
}

function mergePair(symbols: string[], left: string, right: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < symbols.length; i++) {
    if (symbols[i] === left && symbols[i + 1] === right) {
      out.push(left + right);
      i++;
    } else {
      out.push(symbols[i]!);
    }
  }
  return out;
}
