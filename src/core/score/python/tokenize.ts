import { NON_PRINTABLE } from './repr.js';

/**
 * Python's tokenizer (CPython 3.11's rules, for one expression): names, numbers, strings,
 * operators, and NEWLINE where a logical line ends outside brackets. It hands out one token at a
 * time and never backtracks: each character is looked at a bounded number of times, and only
 * the parser's lookahead is kept.
 */
export type TokenKind = 'name' | 'number' | 'string' | 'op' | 'newline' | 'end';

export interface Token {
  kind: TokenKind;
  /** The token's source text (a name before NFKC normalisation). */
  text: string;
  start: number;
  end: number;
}

/** A syntax error at an offset of the source; the parser's caller turns it into a PyError with the line. */
export class ParseError extends Error {
  constructor(
    message: string,
    readonly at: number,
    readonly pyType = 'SyntaxError',
  ) {
    super(message);
  }
}

/** Python's operators by their first character, longest first. */
const OPERATORS = new Map<string, string[]>();
for (const op of ['**=', '//=', '>>=', '<<=', '...', '**', '//', '<<', '>>', '<=', '>=', '==', '!=', '->', ':=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=']) {
  OPERATORS.set(op[0]!, [...(OPERATORS.get(op[0]!) ?? []), op]);
}
for (const op of '()[]{},:;.+-*/%@&|^~<>=') OPERATORS.set(op, [...(OPERATORS.get(op) ?? []), op]);
const CLOSING: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const STRING_PREFIXES = new Set(['r', 'u', 'b', 'br', 'rb', 'f', 'fr', 'rf']);
const IDENTIFIER = /[\p{XID_Start}_]\p{XID_Continue}*/uy;

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isHexDigit(c: string | undefined): boolean {
  return c !== undefined && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
}

/** ASCII letters, digits and `_`: the fast path of names. */
function isAsciiNameChar(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_');
}

/** CPython's `is_potential_identifier_char`: what may not follow a number directly. */
function mayContinueName(c: string | undefined): boolean {
  return c !== undefined && (isAsciiNameChar(c) || c.charCodeAt(0) >= 128);
}

/** The end of the name at `start` (`start` itself when none starts there); `start` is not a digit. */
function nameEnd(s: string, start: number): number {
  let i = start;
  while (isAsciiNameChar(s[i])) i++;
  if (s.charCodeAt(i) < 128 || i === s.length) return i;
  // Non-ASCII: Python's identifier rules (XID_Start, XID_Continue).
  IDENTIFIER.lastIndex = start;
  return IDENTIFIER.test(s) ? IDENTIFIER.lastIndex : start;
}

/** Hands out the tokens of `source` (newlines already `\n`); brackets nest at most `maxDepth`. */
export class Lexer {
  /** Offsets of the open brackets. */
  private readonly open: number[] = [];
  private i = 0;
  private atLineStart = true;
  private lineHasTokens = false;

  constructor(
    private readonly s: string,
    private readonly maxDepth: number,
  ) {}

  /** The next token; after the last one, `end` tokens. */
  next(): Token {
    const s = this.s;
    for (;;) {
      if (this.atLineStart) this.lineStart();
      if (this.i >= s.length) break;
      const c = s[this.i];
      if (c === ' ' || c === '\t' || c === '\f') this.i++;
      else if (c === '#') this.skipComment();
      else if (c === '\\') this.continuation();
      else if (c !== '\n') return this.token(c!);
      else if (this.newline()) return this.make('newline', this.i - 1, this.i, '\n');
    }
    const unclosed = this.open[this.open.length - 1];
    if (unclosed !== undefined) throw new ParseError(`'${s[unclosed]}' was never closed`, unclosed);
    return this.make('end', this.i, this.i, '');
  }

  /** Reads the remaining tokens, for their errors. */
  drain(): void {
    while (this.next().kind !== 'end') continue;
  }

  private make(kind: TokenKind, start: number, end: number, text = this.s.slice(start, end)): Token {
    this.i = end;
    return { kind, text, start, end };
  }

  /** Python allows no indentation before an expression: the first token of a logical line starts at its column 0. */
  private lineStart(): void {
    this.atLineStart = false;
    let indented = false;
    for (;;) {
      const c = this.s[this.i];
      if (c === '\\') {
        this.continuation();
      } else if (c === ' ' || c === '\t' || c === '\f') {
        indented = c !== '\f';
        this.i++;
      } else {
        break;
      }
    }
    const c = this.s[this.i];
    if (indented && c !== '#' && c !== '\n') throw new ParseError('unexpected indent', this.i, 'IndentationError');
  }

  private skipComment(): void {
    const end = this.s.indexOf('\n', this.i);
    this.i = end < 0 ? this.s.length : end;
  }

  /** Past a newline: whether it ends a logical line (outside brackets, after a token). */
  private newline(): boolean {
    this.i++;
    if (this.open.length > 0) return false;
    this.atLineStart = true;
    const ends = this.lineHasTokens;
    this.lineHasTokens = false;
    return ends;
  }

  private continuation(): void {
    if (this.s[this.i + 1] !== '\n') throw new ParseError('unexpected character after line continuation character', this.i);
    this.i += 2;
    if (this.i === this.s.length) throw new ParseError('unexpected EOF while parsing', this.i);
  }

  private token(c: string): Token {
    const s = this.s;
    const start = this.i;
    this.lineHasTokens = true;
    if (isDigit(c) || (c === '.' && isDigit(s[start + 1]))) return this.make('number', start, scanNumber(s, start));
    if (c === '"' || c === "'") return this.make('string', start, scanString(s, start));
    const end = nameEnd(s, start);
    if (end === start) return this.operator();
    const quote = s[end];
    // A string prefix right before a quote: `rb'…'`, `f"…"`.
    if ((quote === '"' || quote === "'") && end - start <= 2 && STRING_PREFIXES.has(s.slice(start, end).toLowerCase())) {
      return this.make('string', start, scanString(s, end));
    }
    return this.make('name', start, end);
  }

  private operator(): Token {
    const start = this.i;
    const op = longestOperator(this.s, start);
    if (op === undefined) throw invalidCharacter(this.s, start);
    this.bracket(op, start);
    return this.make('op', start, start + op.length, op);
  }

  private bracket(op: string, at: number): void {
    if (op === '(' || op === '[' || op === '{') {
      if (this.open.length >= this.maxDepth) throw new ParseError('too many nested parentheses', at);
      this.open.push(at);
      return;
    }
    const opening = CLOSING[op];
    if (opening === undefined) return;
    const last = this.open[this.open.length - 1];
    if (last === undefined) throw new ParseError(`unmatched '${op}'`, at);
    if (this.s[last] !== opening) throw new ParseError(`closing parenthesis '${op}' does not match opening parenthesis '${this.s[last]}'`, at);
    this.open.pop();
  }
}

function longestOperator(s: string, at: number): string | undefined {
  const candidates = OPERATORS.get(s[at]!);
  if (candidates?.length === 1 && candidates[0]!.length === 1) return candidates[0];
  for (const op of candidates ?? []) if (s.startsWith(op, at)) return op;
  return undefined;
}

function invalidCharacter(s: string, at: number): ParseError {
  const cp = s.codePointAt(at)!;
  const ch = String.fromCodePoint(cp);
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  if (NON_PRINTABLE.test(ch)) return new ParseError(`invalid non-printable character U+${hex}`, at);
  if (cp < 0x80) return new ParseError('invalid syntax', at);
  return new ParseError(`invalid character '${ch}' (U+${hex})`, at);
}

/** The end of the string literal whose opening quote is at `quoteAt`. */
function scanString(s: string, quoteAt: number): number {
  const q = s[quoteAt]!;
  const triple = s.startsWith(q + q + q, quoteAt);
  const quote = triple ? q + q + q : q;
  for (let i = quoteAt + quote.length; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '\n' && !triple) throw new ParseError(`unterminated string literal (detected at line ${lineAt(s, i)})`, quoteAt);
    else if (c === q && s.startsWith(quote, i)) return i + quote.length;
  }
  if (triple) throw new ParseError(`unterminated triple-quoted string literal (detected at line ${lineAt(s, s.length)})`, quoteAt);
  throw new ParseError(`unterminated string literal (detected at line ${lineAt(s, s.length)})`, quoteAt);
}

/** The 1-based line of an offset. */
export function lineAt(s: string, at: number): number {
  let line = 1;
  for (let i = s.indexOf('\n'); i >= 0 && i < at; i = s.indexOf('\n', i + 1)) line++;
  return line;
}

/** The end of the number literal at `start`, with CPython's checks of its digits and of what follows it. */
function scanNumber(s: string, start: number): number {
  const radix = s[start] === '0' ? RADIXES[s[start + 1]?.toLowerCase() ?? ''] : undefined;
  if (radix) return radixDigits(s, start + 2, radix);
  let i = start;
  if (s[i] === '0') {
    i = zeros(s, i);
    const nonzero = isDigit(s[i]);
    if (nonzero) i = decimalDigits(s, i);
    if (!/^[.eEjJ]$/.test(s[i] ?? '')) {
      if (nonzero) throw new ParseError('leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers', start);
      return endOfNumber(s, i, 'decimal');
    }
  } else if (s[i] !== '.') {
    i = decimalDigits(s, i);
  }
  if (s[i] === '.') i = isDigit(s[i + 1]) ? decimalDigits(s, i + 1) : i + 1;
  if (s[i] === 'e' || s[i] === 'E') {
    const sign = s[i + 1] === '+' || s[i + 1] === '-';
    if (!isDigit(s[i + (sign ? 2 : 1)])) {
      if (sign) throw new ParseError('invalid decimal literal', i);
      // `1else`: the number ends before the keyword.
      return endOfNumber(s, i, 'decimal');
    }
    i = decimalDigits(s, i + (sign ? 2 : 1));
  }
  if (s[i] === 'j' || s[i] === 'J') return endOfNumber(s, i + 1, 'imaginary');
  return endOfNumber(s, i, 'decimal');
}

interface Radix {
  kind: string;
  digit: (c: string | undefined) => boolean;
}

const RADIXES: Record<string, Radix> = {
  x: { kind: 'hexadecimal', digit: isHexDigit },
  o: { kind: 'octal', digit: (c) => c !== undefined && c >= '0' && c <= '7' },
  b: { kind: 'binary', digit: (c) => c === '0' || c === '1' },
};

function radixDigits(s: string, i: number, { kind, digit }: Radix): number {
  do {
    if (s[i] === '_') i++;
    if (!digit(s[i])) {
      if (isDigit(s[i])) throw new ParseError(`invalid digit '${s[i]}' in ${kind} literal`, i);
      throw new ParseError(`invalid ${kind} literal`, i);
    }
    while (digit(s[i])) i++;
  } while (s[i] === '_');
  if (isDigit(s[i])) throw new ParseError(`invalid digit '${s[i]}' in ${kind} literal`, i);
  return endOfNumber(s, i, kind);
}

/** `0`, `00`, `0_0`: the zeros a decimal literal may start with. */
function zeros(s: string, i: number): number {
  for (;;) {
    if (s[i] === '_') {
      i++;
      if (!isDigit(s[i])) throw new ParseError('invalid decimal literal', i);
    }
    if (s[i] !== '0') return i;
    i++;
  }
}

/** Digits with single underscores between them (`1_000`). */
function decimalDigits(s: string, i: number): number {
  for (;;) {
    while (isDigit(s[i])) i++;
    if (s[i] !== '_') return i;
    i++;
    if (!isDigit(s[i])) throw new ParseError('invalid decimal literal', i);
  }
}

/** What may follow a number directly: not a name character, unless a keyword starts there (`1if x else 2`). */
function endOfNumber(s: string, i: number, kind: string): number {
  const c = s[i];
  const keyword =
    (c === 'a' && s.startsWith('nd', i + 1)) ||
    (c === 'e' && s.startsWith('lse', i + 1)) ||
    (c === 'f' && s.startsWith('or', i + 1)) ||
    (c === 'i' && /^[fns]$/.test(s[i + 1] ?? '')) ||
    (c === 'n' && s.startsWith('ot', i + 1)) ||
    (c === 'o' && s.startsWith('r', i + 1));
  if (!keyword && mayContinueName(c)) throw new ParseError(`invalid ${kind} literal`, i);
  return i;
}
