/**
 * Text from files and models is untrusted: printed raw, an escape sequence can clear the
 * screen, set the window title or hide what follows, and a bidi override can make a line read
 * differently from what it holds. Everything such text passes through on its way to a terminal,
 * a problem line or a CSV cell is made safe here.
 */

/** C0 controls (line breaks and tabs too), DEL, C1 controls, and the bidi embeddings, overrides and isolates. */
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/** `\x1b` for a control character, `\u202e` for a bidi control: visible, and inert in any terminal. */
function escape(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
}

/**
 * The text with every control character and bidi control shown as an escape. A backslash is
 * left as it is, so paths stay readable; the escapes only have to be inert, not reversible.
 */
export function safeText(text: string): string {
  return text.replace(UNSAFE, escape);
}

/**
 * Text of several lines, such as an error message we composed around quoted data: each line is
 * escaped and the line breaks kept. A line break inside the data then starts a line too, but
 * no character reaches the terminal that can do more than that.
 */
export function safeLines(text: string): string {
  return text.split('\n').map(safeText).join('\n');
}

/** A spreadsheet runs a cell that starts with one of these as a formula (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: a string from data is escaped and, when a spreadsheet would take it for a
 * formula, prefixed with a single quote (OWASP's rule). Numbers we computed stay numbers, so a
 * negative change is still `-0.1`. Quoting is the CSV writer's job.
 */
export function safeCsvCell(value: string | number): string | number {
  if (typeof value === 'number') return value;
  // The guard looks at the raw text: a leading tab or CR would be escaped away, but it was meant.
  return FORMULA_START.test(value) ? `'${safeText(value)}` : safeText(value);
}

/** What `JSON.stringify` leaves raw: DEL, C1 controls and bidi controls (it escapes C0 itself). */
const UNSAFE_IN_JSON = /[\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON for a terminal: `JSON.stringify`, with the characters it leaves raw written as `\uXXXX`.
 * They can only occur inside strings, so the text parses back to the same value.
 */
export function safeJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
