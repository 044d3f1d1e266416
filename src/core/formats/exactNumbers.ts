const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NUMBER_CHAR = /[-+.eE0-9]/;

/** Where the JSON string that opens at `start` ends (just past its closing quote). */
function endOfString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i + 1;
  }
  return text.length;
}

function endOfNumber(text: string, start: number): number {
  let i = start;
  while (i < text.length && NUMBER_CHAR.test(text[i]!)) i++;
  return i;
}

/**
 * The integer literals of a JSON text that JSON.parse cannot keep exactly (beyond ±(2^53 - 1)):
 * such a value compares equal to its neighbours, so a verdict on it may be wrong. Strings are
 * skipped, so an id made of digits is not one. Only texts with a run of 16 digits can hold one;
 * the rest cost a single regular-expression test.
 */
export function inexactIntegers(text: string): string[] {
  if (!/\d{16}/.test(text)) return [];
  const found: string[] = [];
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (c === '"') {
      i = endOfString(text, i);
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      const end = endOfNumber(text, i);
      const literal = text.slice(i, end);
      if (/^-?\d+$/.test(literal) && !Number.isSafeInteger(Number(literal))) found.push(literal);
      i = end;
    } else {
      i++;
    }
  }
  return found;
}
