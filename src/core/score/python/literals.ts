import { floatRepr } from './repr.js';
import { PyError, PyOther, type PyValue } from './values.js';

// CPython converts no decimal literal longer than this (sys.int_info.default_max_str_digits).
export const MAX_INT_DIGITS = 4300;

/** Python's value of a number literal token (`0x1F`, `1_000`, `1.5e-3`, `2j`), already checked by the tokenizer. */
export function numberLiteral(token: string): PyValue {
  const text = token.includes('_') ? token.replace(/_/g, '') : token;
  if (/^\d{1,15}$/.test(text)) return BigInt(text);
  if (/[jJ]$/.test(text)) {
    const r = floatRepr(Number(text.slice(0, -1)));
    return new PyOther('complex', `${r.endsWith('.0') ? r.slice(0, -2) : r}j`);
  }
  if (/^0[xXoObB]/.test(text)) return BigInt(text.toLowerCase());
  if (!/^\d+$/.test(text)) return Number(text);
  if (text.length > MAX_INT_DIGITS && /[1-9]/.test(text)) {
    throw new PyError(
      'SyntaxError',
      `Exceeds the limit (${MAX_INT_DIGITS} digits) for integer string conversion: value has ${text.length} digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.`,
    );
  }
  return BigInt(text);
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

function unicodeError(kind: string): PyError {
  return new PyError('SyntaxError', `(unicode error) 'unicodeescape' codec can't decode bytes: ${kind}`);
}

const OCTAL = /[0-7]{1,3}/y;

/** Resolves backslash escapes the way Python does for a non-raw literal body. */
export function unescape(body: string, bytes: boolean): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[i + 1] ?? '';
    i++;
    if (e === '\n') continue;
    if (e in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[e];
      continue;
    }
    OCTAL.lastIndex = i;
    const octal = OCTAL.exec(body);
    if (octal) {
      out += String.fromCodePoint(parseInt(octal[0], 8));
      i += octal[0].length - 1;
      continue;
    }
    const width = e === 'x' ? 2 : bytes ? 0 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (width > 0) {
      const hex = body.slice(i + 1, i + 1 + width);
      if (hex.length < width || !/^[0-9a-fA-F]*$/.test(hex)) throw unicodeError(`truncated \\${e}${'X'.repeat(width)} escape`);
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff) throw unicodeError('illegal Unicode character');
      out += String.fromCodePoint(cp);
      i += width;
      continue;
    }
    if (e === 'N' && !bytes) throw new PyError('SyntaxError', 'named Unicode escapes (\\N{...}) are not supported here');
    // Python keeps an unknown escape as it is (and only warns).
    out += `\\${e}`;
  }
  return out;
}

function bytesRepr(content: string): string {
  const quote = content.includes("'") && !content.includes('"') ? '"' : "'";
  let out = `b${quote}`;
  for (const ch of content) {
    const b = ch.charCodeAt(0);
    if (ch === '\\' || ch === quote) out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (b < 0x20 || b >= 0x7f) out += `\\x${b.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

export interface StringPart {
  value: string;
  bytes: boolean;
}

/** Python's value of one string literal token, prefix and quotes included. */
export function stringLiteral(token: string): StringPart {
  const prefix = /^[a-zA-Z]*/.exec(token)![0].toLowerCase();
  const rest = token.slice(prefix.length);
  const quoteLen = rest.startsWith('"""') || rest.startsWith("'''") ? 3 : 1;
  const body = rest.slice(quoteLen, rest.length - quoteLen);
  const bytes = prefix.includes('b');
  const value = prefix.includes('r') ? body : unescape(body, bytes);
  if (bytes && /[^\x00-\x7f]/.test(body)) throw new PyError('SyntaxError', 'bytes can only contain ASCII literal characters');
  return { value, bytes };
}

/** Adjacent literals concatenate; bytes and text may not mix. */
export function joinStrings(parts: StringPart[]): PyValue {
  const bytes = parts.some((p) => p.bytes);
  if (bytes && !parts.every((p) => p.bytes)) throw new PyError('SyntaxError', 'cannot mix bytes and nonbytes literals');
  const value = parts.map((p) => p.value).join('');
  return bytes ? new PyOther('bytes', bytesRepr(value)) : value;
}
