/**
 * The named entities of a text: what a rewrite (a paraphrase, a few typos) must carry over,
 * since a tool call built from the rewrite would otherwise change with it.
 */
export type EntityKind = 'quoted text' | 'URL' | 'e-mail address' | 'date' | 'name';

export interface Entity {
  kind: EntityKind;
  text: string;
}

const MONTH =
  '(?:[Jj]anuary|[Ff]ebruary|[Mm]arch|[Aa]pril|May|[Jj]une|[Jj]uly|[Aa]ugust|[Ss]eptember|[Oo]ctober|[Nn]ovember|[Dd]ecember|' +
  // Abbreviations only capitalised: lower-case "may", "mar", "sat" are ordinary words.
  '(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.?)';
const DAY = '\\d{1,2}(?:st|nd|rd|th)?';
const YEAR = '(?:,?\\s+\\d{4})?';
const DATE = new RegExp(
  [
    '\\b\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}\\b', // 2024-03-01
    '\\b\\d{1,2}[-/.]\\d{1,2}[-/.](?:\\d{4}|\\d{2})\\b', // 3/1/2024, 01.03.24
    `\\b${MONTH}\\s+${DAY}${YEAR}\\b`, // March 3, Mar 3rd, 2024
    `\\b${DAY}\\s+(?:of\\s+)?${MONTH}${YEAR}\\b`, // 3 March, 3rd of March 2024
    `\\b${MONTH}\\s+\\d{4}\\b`, // March 2024
    '\\b(?:[Mm]on|[Tt]ues|[Ww]ednes|[Tt]hurs|[Ff]ri|[Ss]atur|[Ss]un)day\\b',
  ].join('|'),
  'g',
);

/**
 * Each kind is matched on its own, in this order, and a match overlapping an earlier one is
 * dropped: a URL or date inside quotes belongs to the quoted text.
 */
const SPAN_KINDS: ReadonlyArray<{ kind: EntityKind; pattern: RegExp }> = [
  { kind: 'quoted text', pattern: /"([^"\n]+)"|“([^”\n]+)”|‘([^’\n]+)’|`([^`\n]+)`|(?<![\p{L}\p{N}])'([^'\n]+)'(?![\p{L}\p{N}])/gu },
  { kind: 'URL', pattern: /\b(?:https?:\/\/|www\.)[^\s<>"'`]*[^\s<>"'`.,;:!?)\]]/g },
  { kind: 'e-mail address', pattern: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu },
  { kind: 'date', pattern: DATE },
];

/** Abbreviations whose full stop does not end a sentence, so the capitalised word after them is a name. */
const NAME_ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'vs']);
const OPENERS = new Set([' ', '\t', '\r', '"', "'", '(', '[', '{', '“', '‘', '-', '*', '•']);

function endsSentence(text: string, dot: number): boolean {
  const word = /[\p{L}.]*$/u.exec(text.slice(0, dot))![0];
  // "e.g.", "U.S." and "Mr." do not end a sentence.
  return !/^(?:\p{L}\.)+\p{L}$/u.test(word) && !NAME_ABBREVIATIONS.has(word.toLowerCase());
}

/** True when the word at `start` opens the text, a line or a sentence (quotes, brackets and bullets aside). */
function isSentenceInitial(text: string, start: number): boolean {
  for (let i = start - 1; i >= 0; i--) {
    const c = text[i]!;
    if (c === '\n' || c === '!' || c === '?') return true;
    if (c === '.') return endsSentence(text, i);
    if (!OPENERS.has(c)) return false;
  }
  return true;
}

interface Token {
  word: string;
  start: number;
  end: number;
  initial: boolean;
}

/** "I", "I'm", "I'll": capitalised by spelling, not because they name anything. */
const PRONOUN_I = /^I(?:['’](?:m|d|ll|ve))?$/;
const hasInnerCapital = (word: string) => /^.+\p{Lu}/u.test(word);

/** Capitalised words and words with inner capitals (iPhone, NASA, 3D), outside the spans already taken. */
function capitalisedTokens(text: string, taken: Uint8Array): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(/(?<![\p{L}\p{M}\p{N}])[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’-][\p{L}\p{M}\p{N}]+)*/gu)) {
    const word = m[0].replace(/['’]s$/, '');
    const end = m.index + word.length;
    if (PRONOUN_I.test(m[0]) || !(/^\p{Lu}/u.test(word) || hasInnerCapital(word)) || taken.subarray(m.index, end).includes(1)) continue;
    tokens.push({ word, start: m.index, end, initial: isSentenceInitial(text, m.index) });
  }
  return tokens;
}

/**
 * Runs of capitalised words separated by blanks only. A sentence-initial word opens a run only
 * when it is a name by itself: spelt with inner capitals, or capitalised mid-sentence elsewhere
 * in the text; otherwise it is an ordinary word ("Book 2 rooms") that a rewrite may change.
 */
function nameSpans(text: string, taken: Uint8Array): string[] {
  const tokens = capitalisedTokens(text, taken);
  const midSentence = new Set(tokens.filter((t) => !t.initial).map((t) => t.word.toLowerCase()));
  const isName = (t: Token) => !t.initial || hasInnerCapital(t.word) || midSentence.has(t.word.toLowerCase());
  const spans: string[] = [];
  let run: Token[] = [];
  const close = () => {
    if (run.length > 0) spans.push(text.slice(run[0]!.start, run.at(-1)!.end));
    run = [];
  };
  for (const token of tokens) {
    const last = run.at(-1);
    if (!last || !/^[ \t]+$/.test(text.slice(last.end, token.start))) {
      close();
      if (isName(token)) run.push(token);
    } else {
      run.push(token);
    }
  }
  close();
  return spans;
}

/**
 * Some datasets quote a query as a whole; those outer quotes do not make it one quoted string.
 * Blanked rather than cut, so offsets stay those of the text.
 */
function withoutOuterQuotes(text: string): string {
  return text.replace(/^(\s*)["“]([^"“”]*)["”](\s*)$/, '$1 $2 $3');
}

/** The entities of a text, each once, in the order of the kinds above and then of the text. */
export function entitiesOf(text: string): Entity[] {
  const scanned = withoutOuterQuotes(text);
  const taken = new Uint8Array(text.length);
  const found: Entity[] = [];
  for (const { kind, pattern } of SPAN_KINDS) {
    for (const m of scanned.matchAll(pattern)) {
      const end = m.index + m[0].length;
      if (taken.subarray(m.index, end).includes(1)) continue;
      taken.fill(1, m.index, end);
      // A quoted string is kept by its content: the rewrite may use other quote marks.
      const inner = m.slice(1).find((g) => g !== undefined)?.trim();
      found.push({ kind, text: inner ?? m[0] });
    }
  }
  for (const name of nameSpans(scanned, taken)) found.push({ kind: 'name', text: name });
  return [...new Map(found.filter((e) => e.text !== '').map((e) => [e.text, e])).values()];
}

const normalised = (s: string, matchCase: boolean) => {
  const flat = s.replace(/[‘’]/g, "'").replace(/\s+/g, ' ');
  return matchCase ? flat : flat.toLowerCase();
};
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/** True when `needle` occurs in `haystack` and, where it starts or ends with a letter or digit, not inside a longer word. */
function containsWhole(haystack: string, needle: string): boolean {
  const open = WORD_CHAR.test(needle[0]!);
  const shut = WORD_CHAR.test(needle.at(-1)!);
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1];
    const after = haystack[at + needle.length];
    if ((!open || before === undefined || !WORD_CHAR.test(before)) && (!shut || after === undefined || !WORD_CHAR.test(after))) return true;
  }
  return false;
}

/** The first entity of `original` that `rewrite` lost or changed (case aside unless `matchCase`), or undefined. */
export function lostEntity(original: string, rewrite: string, matchCase = false): Entity | undefined {
  const target = normalised(rewrite, matchCase);
  return entitiesOf(original).find((e) => !containsWhole(target, normalised(e.text, matchCase)));
}
