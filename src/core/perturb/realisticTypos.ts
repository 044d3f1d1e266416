import type { EvalRow, JsonObject } from '../schema/index.js';
import { goldenStrings } from './goldenTools.js';
import { Rng } from './rng.js';
import { COMMON_MISSPELLINGS, DATE_WORDS, QWERTY_NEIGHBOURS } from './typoTables.js';
import { perturbed, skip, type PerturbResult } from './types.js';
import { lastUserQuery, withMessageContent } from './userQuery.js';

export type TypoKind = 'adjacent_key' | 'swap' | 'drop' | 'double' | 'misspelling';

/** One typo: `before` at `offset` in the original message became `after`, turning `word` into `typo`. */
export interface TypoEdit {
  kind: TypoKind;
  word: string;
  typo: string;
  offset: number;
  before: string;
  after: string;
}

export const MIN_TYPOS = 2;
export const MAX_TYPOS = 4;
/** Shorter words lose their shape under a typo (`a` → `s`), so they are left alone. */
const MIN_WORD_LENGTH = 3;

/**
 * Spans no typo may touch, whatever words they contain, each with a cheap test that tells when
 * it cannot occur. Each pattern is matched on its own, so the protected text is the union of
 * all their matches (one alternation would let one kind of span hide an overlapping one).
 */
const PROTECTED_SPANS: ReadonlyArray<{ pattern: RegExp; present: (text: string) => boolean }> = [
  { pattern: /https?:\/\/\S+|\bwww\.\S+/g, present: (t) => t.includes('http') || t.includes('www.') }, // URLs
  { pattern: /\S+@\S+/g, present: (t) => t.includes('@') }, // e-mail addresses (and anything else with an @)
  { pattern: /"[^"\n]*"|“[^”\n]*”|‘[^’\n]*’|`[^`\n]*`/g, present: (t) => /["“‘`]/.test(t) }, // quoted strings
  // Single quotes, but not apostrophes inside words.
  { pattern: /(?<![\p{L}\p{N}])'[^'\n]*'(?![\p{L}\p{N}])/gu, present: (t) => t.includes("'") },
];

/**
 * A whitespace-delimited token that is a number, a date, an identifier (snake_case, camelCase,
 * dotted), an acronym, a path or markup is a technical term as a whole: none of its letters may
 * change. Non-ASCII letters are left alone too, since the keyboard map is for ASCII.
 */
const TECHNICAL_TOKEN = /[\d_@/\\#$%=<>{}[\]|~^*+]|\w\.\w|[a-z][A-Z]|[A-Z][^A-Z]*[A-Z]|[^\x00-\x7f]/;

const OPENERS = new Set([' ', '\t', '\r', '"', "'", '(', '[', '{', '“', '‘']);

/** True when the word starts a sentence: nothing but space, quotes or brackets after `.!?`, a line break or the start. */
function isSentenceInitial(text: string, start: number): boolean {
  for (let i = start - 1; i >= 0; i--) {
    const c = text[i]!;
    if (c === '\n' || c === '.' || c === '!' || c === '?') return true;
    if (!OPENERS.has(c)) return false;
  }
  return true;
}

/** A word a typo may go into, and where it starts in the message. */
export interface EligibleWord {
  text: string;
  start: number;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** The words of a query that a typo may go into, in text order. */
export function eligibleWords(text: string, goldenValues: readonly string[]): EligibleWord[] {
  const protectedChars = new Uint8Array(text.length);
  const protect = (from: number, to: number) => protectedChars.fill(1, from, to);
  // Some datasets quote the whole query; those outer quotes do not make it a quoted string.
  const scanned = /^\s*["“]/.test(text) ? text.replace(/^(\s*)["“]([^"“”]*)["”](\s*)$/, '$1 $2 $3') : text;
  for (const { pattern, present } of PROTECTED_SPANS) {
    if (present(scanned)) for (const m of scanned.matchAll(pattern)) protect(m.index, m.index + m[0].length);
  }

  // A golden value must survive verbatim: protect where it occurs, and each of its words anywhere.
  const lower = text.toLowerCase();
  const goldenWords = new Set<string>();
  for (const value of goldenValues) {
    const needle = value.toLowerCase();
    if (needle.length >= 2) {
      for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1)) protect(at, at + needle.length);
    }
    for (const w of needle.match(/[a-z]+/g) ?? []) goldenWords.add(w);
  }

  const words: EligibleWord[] = [];
  const consider = (start: number, end: number) => {
    if (end - start < MIN_WORD_LENGTH) return;
    const key = lower.slice(start, end);
    if (goldenWords.has(key) || DATE_WORDS.has(key)) return;
    for (let i = start; i < end; i++) if (protectedChars[i]) return;
    const first = text.charCodeAt(start);
    if (first >= 65 && first <= 90 && !isSentenceInitial(text, start)) return; // a proper noun
    words.push({ text: text.slice(start, end), start });
  };
  const tokens = /\S+/g;
  for (let m = tokens.exec(text); m; m = tokens.exec(text)) {
    if (TECHNICAL_TOKEN.test(m[0])) continue;
    const end = m.index + m[0].length;
    for (let i = m.index; i < end; ) {
      if (!isAsciiLetter(text.charCodeAt(i))) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < end && isAsciiLetter(text.charCodeAt(j))) j++;
      consider(i, j);
      i = j;
    }
  }
  return words;
}

/** Positions i (≥ 1, so the first letter stays) where letters i and i+1 differ and can swap. */
function swapPositions(word: string): number[] {
  const out: number[] = [];
  for (let i = 1; i < word.length - 1; i++) if (word[i]!.toLowerCase() !== word[i + 1]!.toLowerCase()) out.push(i);
  return out;
}

function misspellingOf(word: string): string | undefined {
  const wrong = COMMON_MISSPELLINGS.get(word.toLowerCase());
  if (!wrong) return undefined;
  if (word === word.toLowerCase()) return wrong;
  if (word === word[0]!.toUpperCase() + word.slice(1).toLowerCase()) return wrong[0]!.toUpperCase() + wrong.slice(1);
  return undefined;
}

/** One typo in one word. Letters after the first are edited, as people keep a word's first letter. */
function typoIn(word: EligibleWord, rng: Rng): TypoEdit {
  const w = word.text;
  const misspelt = misspellingOf(w);
  const swaps = swapPositions(w);
  const kinds: TypoKind[] = ['adjacent_key', 'double'];
  if (swaps.length > 0) kinds.push('swap');
  if (w.length >= 4) kinds.push('drop');
  if (misspelt) kinds.push('misspelling');
  const kind = rng.pick(kinds);
  const edit = (i: number, before: string, after: string): TypoEdit => ({
    kind,
    word: w,
    typo: w.slice(0, i) + after + w.slice(i + before.length),
    offset: word.start + i,
    before,
    after,
  });
  const i = kind === 'misspelling' ? 0 : kind === 'swap' ? rng.pick(swaps) : rng.int(1, w.length - 1);
  const c = w[i]!;
  switch (kind) {
    case 'adjacent_key':
      return edit(i, c, rng.pick(QWERTY_NEIGHBOURS[c.toLowerCase()]!));
    case 'double':
      return edit(i, c, c + c);
    case 'drop':
      return edit(i, c, '');
    case 'swap':
      return edit(i, w.slice(i, i + 2), w[i + 1]! + c);
    case 'misspelling':
      return edit(0, w, misspelt!);
  }
}

/**
 * `realistic_typos`, rule-based: 2–4 keyboard typos in the last user message, each in a
 * different word, never in numbers, dates, quoted strings, URLs, e-mails, identifiers,
 * acronyms, proper nouns or words of golden argument values.
 */
export function realisticTypos(row: EvalRow, seed: number): PerturbResult {
  const query = lastUserQuery(row);
  if (!query) return skip('no user message to put typos in');
  const words = eligibleWords(query.content, goldenStrings(row));
  if (words.length < MIN_TYPOS) {
    return skip(`only ${words.length} word(s) may take a typo (numbers, names, quoted text and golden values are kept); need ${MIN_TYPOS}`);
  }
  const rng = new Rng(seed, 'realistic_typos', row.id);
  const count = Math.min(rng.int(MIN_TYPOS, MAX_TYPOS), words.length);
  const edits = rng
    .shuffled(words)
    .slice(0, count)
    .map((w) => typoIn(w, rng))
    .sort((a, b) => a.offset - b.offset);
  let text = query.content;
  for (let k = edits.length - 1; k >= 0; k--) {
    const e = edits[k]!;
    text = text.slice(0, e.offset) + e.after + text.slice(e.offset + e.before.length);
  }
  const metadata: JsonObject = {
    message_index: query.index,
    eligible_words: words.length,
    edits: edits.map((e) => ({ ...e })),
  };
  return perturbed(row, { type: 'realistic_typos', mdp_category: 'observation', metadata }, {
    conversation: withMessageContent(row.conversation, query.index, text),
  });
}
