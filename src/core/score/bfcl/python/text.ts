/**
 * Python `str` operations the BFCL code relies on, where JavaScript's differ: Python's idea
 * of whitespace, code-point indexing, and what `int()` / `float()` accept.
 * Digits are ASCII only: the Unicode digits Python also takes never occur in BFCL data.
 */
const PY_WHITESPACE = '\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

/** `s.strip(chars)`; without `chars`, Python's whitespace. */
export function pyStrip(s: string, chars: string = PY_WHITESPACE): string {
  const cps = Array.from(s);
  let start = 0;
  let end = cps.length;
  while (start < end && chars.includes(cps[start]!)) start++;
  while (end > start && chars.includes(cps[end - 1]!)) end--;
  return cps.slice(start, end).join('');
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
