/**
 * Python `str` operations the BFCL code relies on, where JavaScript's differ: Python's idea
 * of whitespace, code-point indexing, and what `int()` / `float()` accept.
 * Digits are ASCII only: the Unicode digits Python also takes never occur in BFCL data.
 */
const PY_WHITESPACE = '\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

const WHITESPACE = new Set(PY_WHITESPACE);

/** `s.strip(chars)`; without `chars`, Python's whitespace. Compares whole code points, scanning only what it strips. */
export function pyStrip(s: string, chars?: string): string {
  const strip = chars === undefined ? WHITESPACE : new Set(chars);
  let start = 0;
  let end = s.length;
  for (let cp = codePointAt(s, start); start < end && strip.has(cp); cp = codePointAt(s, start)) start += cp.length;
  for (let cp = codePointBefore(s, end); end > start && strip.has(cp); cp = codePointBefore(s, end)) end -= cp.length;
  return s.slice(start, end);
}

function codePointAt(s: string, i: number): string {
  const cp = s.codePointAt(i);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

function codePointBefore(s: string, end: number): string {
  const low = s.charCodeAt(end - 1);
  const pair = low >= 0xdc00 && low <= 0xdfff && end >= 2 && s.charCodeAt(end - 2) >= 0xd800 && s.charCodeAt(end - 2) <= 0xdbff;
  return s.slice(pair ? end - 2 : end - 1, end);
}

/** `s.split()`: the words between runs of Python's whitespace. */
export function pySplitWhitespace(s: string): string[] {
  const words: string[] = [];
  let word = '';
  for (const ch of s) {
    if (!WHITESPACE.has(ch)) word += ch;
    else if (word) {
      words.push(word);
      word = '';
    }
  }
  if (word) words.push(word);
  return words;
}

/** `s[start:end]` by code point. */
export function pySlice(s: string, start: number, end?: number): string {
  return Array.from(s).slice(start, end).join('');
}

const DIGITS = String.raw`\d(?:_?\d)*`;
const INT_TEXT = new RegExp(String.raw`^[+-]?${DIGITS}$`);
const FLOAT_TEXT = new RegExp(String.raw`^[+-]?(?:(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?|inf(?:inity)?|nan)$`, 'i');

/** `int(s)`, or undefined where Python raises ValueError. */
export function pyIntOf(s: string): bigint | undefined {
  const t = pyStrip(s);
  return INT_TEXT.test(t) ? BigInt(t.replace(/_/g, '')) : undefined;
}

/** `float(s)`, or undefined where Python raises ValueError. */
export function pyFloatOf(s: string): number | undefined {
  const t = pyStrip(s);
  if (!FLOAT_TEXT.test(t)) return undefined;
  const body = t.replace(/^[+-]/, '').toLowerCase();
  const sign = t.startsWith('-') ? -1 : 1;
  if (body.startsWith('inf')) return sign * Infinity;
  if (body === 'nan') return NaN;
  return sign * Number(body.replace(/_/g, ''));
}
