import { MAX_INT_DIGITS } from './literals.js';
import { PyDict, PyError, type PyValue } from './values.js';

/**
 * Python's `json.loads` (CPython 3.12's C scanner), because BFCL decodes function-calling
 * arguments with it: ints and floats stay apart (`5` vs `5.0`), NaN/Infinity are accepted,
 * and a failure carries Python's exact message (`Expecting ',' delimiter: line 3 column 23
 * (char 60)`), which BFCL copies into its score files.
 */
export function pyJsonLoads(text: string): PyValue {
  return new Scanner(text).document();
}

const WS = ' \t\n\r';
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Raised where CPython raises StopIteration: the decoder turns it into "Expecting value". */
class NoValue {
  constructor(readonly at: number) {}
}

// CPython gives up near this depth too (RecursionError), long before JavaScript's stack would.
const MAX_DEPTH = 1000;

class Scanner {
  private depth = 0;

  constructor(private readonly s: string) {}

  document(): PyValue {
    let idx = this.skip(0);
    let value: PyValue;
    try {
      [value, idx] = this.value(idx);
    } catch (err) {
      if (err instanceof NoValue) throw this.fail('Expecting value', err.at);
      throw err;
    }
    idx = this.skip(idx);
    if (idx !== this.s.length) throw this.fail('Extra data', idx);
    return value;
  }

  private fail(msg: string, at: number): PyError {
    const before = this.s.slice(0, at);
    // Python counts positions in code points, JavaScript in UTF-16 units.
    const pos = Array.from(before).length;
    const lineStart = before.lastIndexOf('\n');
    const line = before.split('\n').length;
    const col = lineStart < 0 ? pos + 1 : Array.from(before.slice(lineStart + 1)).length + 1;
    return new PyError('JSONDecodeError', `${msg}: line ${line} column ${col} (char ${pos})`);
  }

  private skip(idx: number): number {
    while (idx < this.s.length && WS.includes(this.s[idx]!)) idx++;
    return idx;
  }

  private value(idx: number): [PyValue, number] {
    const s = this.s;
    const c = s[idx];
    if (c === undefined) throw new NoValue(idx);
    if (c === '"') return this.string(idx + 1);
    if (c === '{' || c === '[') {
      if (++this.depth > MAX_DEPTH) throw new PyError('RecursionError', 'maximum recursion depth exceeded while decoding a JSON document');
      try {
        return c === '{' ? this.object(idx + 1) : this.array(idx + 1);
      } finally {
        this.depth--;
      }
    }
    for (const [word, value] of WORDS) if (s.startsWith(word, idx)) return [value, idx + word.length];
    return this.number(idx);
  }

  private number(start: number): [PyValue, number] {
    const s = this.s;
    const digit = (i: number) => i < s.length && s[i]! >= '0' && s[i]! <= '9';
    let idx = start;
    if (s[idx] === '-') idx++;
    if (digit(idx) && s[idx] !== '0') while (digit(idx)) idx++;
    else if (s[idx] === '0') idx++;
    else throw new NoValue(start);
    let isFloat = false;
    if (s[idx] === '.' && digit(idx + 1)) {
      idx += 2;
      while (digit(idx)) idx++;
      isFloat = true;
    }
    if (s[idx] === 'e' || s[idx] === 'E') {
      let e = idx + 1;
      if (s[e] === '+' || s[e] === '-') e++;
      if (digit(e)) {
        while (digit(e)) e++;
        idx = e;
        isFloat = true;
      }
    }
    const text = s.slice(start, idx);
    if (isFloat) return [Number(text), idx];
    const digits = text.length - (text.startsWith('-') ? 1 : 0);
    if (digits > MAX_INT_DIGITS) {
      throw new PyError('ValueError', `Exceeds the limit (${MAX_INT_DIGITS} digits) for integer string conversion: value has ${digits} digits; use sys.set_int_max_str_digits() to increase the limit`);
    }
    return [BigInt(text), idx];
  }

  private string(end: number): [string, number] {
    const s = this.s;
    const begin = end - 1;
    let out = '';
    for (;;) {
      const c = s[end];
      if (c === undefined) throw this.fail('Unterminated string starting at', begin);
      if (c === '"') return [out, end + 1];
      if (c < ' ') throw this.fail('Invalid control character at', end);
      if (c !== '\\') {
        out += c;
        end++;
        continue;
      }
      const esc = s[end + 1];
      if (esc === undefined) throw this.fail('Unterminated string starting at', begin);
      if (esc !== 'u') {
        const mapped = ESCAPES[esc];
        if (mapped === undefined) throw this.fail('Invalid \\escape', end);
        out += mapped;
        end += 2;
        continue;
      }
      let unit = this.hex4(end + 2, end);
      end += 6;
      if (unit >= 0xd800 && unit <= 0xdbff && s[end] === '\\' && s[end + 1] === 'u') {
        const low = this.hex4(end + 2, end);
        if (low >= 0xdc00 && low <= 0xdfff) {
          unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
          end += 6;
        }
      }
      out += String.fromCodePoint(unit);
    }
  }

  private hex4(at: number, backslash: number): number {
    const h = this.s.slice(at, at + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(h)) throw this.fail('Invalid \\uXXXX escape', backslash + 1);
    return parseInt(h, 16);
  }

  private object(idx: number): [PyDict, number] {
    const s = this.s;
    const out = new PyDict();
    idx = this.skip(idx);
    if (s[idx] === '}') return [out, idx + 1];
    for (;;) {
      if (s[idx] !== '"') throw this.fail('Expecting property name enclosed in double quotes', idx);
      let key: string;
      [key, idx] = this.string(idx + 1);
      idx = this.skip(idx);
      if (s[idx] !== ':') throw this.fail("Expecting ':' delimiter", idx);
      let value: PyValue;
      [value, idx] = this.value(this.skip(idx + 1));
      out.set(key, value);
      idx = this.skip(idx);
      if (s[idx] === '}') return [out, idx + 1];
      if (s[idx] !== ',') throw this.fail("Expecting ',' delimiter", idx);
      idx = this.skip(idx + 1);
    }
  }

  private array(idx: number): [PyValue[], number] {
    const s = this.s;
    const out: PyValue[] = [];
    idx = this.skip(idx);
    if (s[idx] === ']') return [out, idx + 1];
    for (;;) {
      let value: PyValue;
      [value, idx] = this.value(idx);
      out.push(value);
      idx = this.skip(idx);
      if (s[idx] === ']') return [out, idx + 1];
      if (s[idx] !== ',') throw this.fail("Expecting ',' delimiter", idx);
      idx = this.skip(idx + 1);
    }
  }
}

const WORDS: Array<[string, PyValue]> = [
  ['null', null],
  ['true', true],
  ['false', false],
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['-Infinity', -Infinity],
];
