import { unescape } from './literals.js';
import { ParseError } from './tokenize.js';

const CLOSES: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
// CPython 3.11's own bracket limit inside a replacement field.
const MAX_FIELD_BRACKETS = 200;

/**
 * The replacement fields of an f-string token, its literal parts, conversions and format specs
 * checked as CPython 3.11 checks them (`{{`, `!r`, `:>{width}`, `{x=}`). The fields' expressions
 * are returned for the parser to parse; each character is looked at a bounded number of times.
 */
export function fStringFields(token: string): string[] {
  const prefix = /^[a-zA-Z]*/.exec(token)![0];
  const quote = token.startsWith('"""', prefix.length) || token.startsWith("'''", prefix.length) ? 3 : 1;
  const scanner = new FStringScanner(token, prefix.length + quote, token.length - quote, /r/i.test(prefix));
  scanner.literal(0);
  return scanner.fields;
}

class FStringScanner {
  readonly fields: string[] = [];

  constructor(
    private readonly s: string,
    private i: number,
    private readonly end: number,
    private readonly raw: boolean,
  ) {}

  private fail(message: string): ParseError {
    return new ParseError(`f-string: ${message}`, 0);
  }

  /** Literal text up to the end, or (in a format spec, `level` > 0) up to its closing `}`. */
  literal(level: number): void {
    const s = this.s;
    let from = this.i;
    while (this.i < this.end) {
      if (!this.raw && s[this.i] === '\\') this.escape();
      const c = s[this.i];
      if (c !== '{' && c !== '}') {
        this.i++;
        continue;
      }
      if (level === 0 && s[this.i + 1] === c) {
        this.i += 2;
        this.checkEscapes(from, this.i - 1);
        from = this.i;
        continue;
      }
      this.checkEscapes(from, this.i);
      if (c === '}') {
        if (level === 0) throw this.fail("single '}' is not allowed");
        return;
      }
      this.i++;
      this.field(level);
      from = this.i;
    }
    this.checkEscapes(from, this.i);
  }

  /** After a backslash, as CPython 3.11 reads it: `\N` takes the next character too, and `\N{name}` is skipped whole. */
  private escape(): void {
    if (this.s[++this.i] !== 'N') return;
    this.i += 2;
    if (this.s[this.i - 1] !== '{') return;
    const close = this.s.indexOf('}', this.i);
    this.i = close < 0 || close >= this.end ? this.end : close + 1;
  }

  /** A literal part's escapes must be valid, as in any string. */
  private checkEscapes(from: number, to: number): void {
    if (!this.raw) unescape(this.s.slice(from, Math.min(to, this.end)), false);
  }

  /** One replacement field, its `{` already read. */
  private field(level: number): void {
    if (level >= 2) throw this.fail('expressions nested too deeply');
    const start = this.i;
    this.expression();
    const expr = this.s.slice(start, this.i);
    if (expr.trim() === '') throw this.fail('empty expression not allowed');
    this.fields.push(expr);
    if (this.s[this.i] === '=') {
      this.i++;
      while (/^\s$/.test(this.s[this.i] ?? '')) this.i++;
    }
    if (this.s[this.i] === '!') {
      const conversion = this.s[this.i + 1];
      if (this.i + 1 >= this.end) throw this.fail("expecting '}'");
      if (conversion !== 's' && conversion !== 'r' && conversion !== 'a') throw this.fail("invalid conversion character: expected 's', 'r', or 'a'");
      this.i += 2;
    }
    if (this.s[this.i] === ':' && this.i < this.end) {
      this.i++;
      this.literal(level + 1);
    }
    if (this.i >= this.end || this.s[this.i] !== '}') throw this.fail("expecting '}'");
    this.i++;
  }

  /** Moves to the end of a field's expression: a `!`, `:`, `=` or `}` outside brackets and strings. */
  private expression(): void {
    const s = this.s;
    const brackets: string[] = [];
    for (; this.i < this.end; this.i++) {
      const c = s[this.i]!;
      if (c === '\\') throw new ParseError('f-string expression part cannot include a backslash', 0);
      if (c === '#') throw new ParseError("f-string expression part cannot include '#'", 0);
      if (c === "'" || c === '"') this.skipString(c);
      else if (c === '(' || c === '[' || c === '{') {
        if (brackets.length >= MAX_FIELD_BRACKETS) throw this.fail('too many nested parenthesis');
        brackets.push(c);
      } else if (c === ')' || c === ']' || (c === '}' && brackets.length > 0)) {
        const open = brackets.pop();
        if (open === undefined) throw this.fail(`unmatched '${c}'`);
        if (open !== CLOSES[c]) throw this.fail(`closing parenthesis '${c}' does not match opening parenthesis '${open}'`);
      } else if (brackets.length === 0 && this.endsExpression(c)) {
        return;
      }
    }
    if (brackets.length > 0) throw this.fail(`unmatched '${brackets[brackets.length - 1]}'`);
    throw this.fail("expecting '}'");
  }

  /** `!=`, `==`, `<=`, `>=`, `<` and `>` are operators; a lone `!`, `:`, `=` or `}` ends the expression. */
  private endsExpression(c: string): boolean {
    const next = this.s[this.i + 1];
    if ((c === '!' || c === '=' || c === '<' || c === '>') && next === '=') {
      this.i++;
      return false;
    }
    return c === '!' || c === ':' || c === '=' || c === '}';
  }

  /** A string inside an expression, its opening quote at `this.i`; leaves `this.i` on its last quote. */
  private skipString(q: string): void {
    const quote = this.s.startsWith(q + q + q, this.i) ? q + q + q : q;
    for (this.i += quote.length; this.i < this.end; this.i++) {
      if (this.s[this.i] === '\\') throw new ParseError('f-string expression part cannot include a backslash', 0);
      if (this.s.startsWith(quote, this.i)) {
        this.i += quote.length - 1;
        return;
      }
    }
    throw this.fail('unterminated string');
  }
}
