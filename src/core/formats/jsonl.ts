import type { z } from 'zod';
import { describeIssues, JsonTooDeepError, parseJson } from '../schema/index.js';
import { inexactIntegers } from './exactNumbers.js';
import { scanLines, type LineLocation } from './lineScanner.js';
import type { ProblemSink } from './problems.js';
import { errorMessage } from '../../common/errorMessage.js';

export interface Line<T> {
  line: number;
  value: T;
  /** Where the line is, to read the record back later (see `readRecordAt`). */
  at: LineLocation;
}

/**
 * Streams a JSON Lines file. A line that is not JSON, or nests deeper than any walker of
 * values may recurse, becomes a problem (file:line) and reading goes on, so one torn,
 * hand-edited or hostile line never hides the rest of a file. A line holding an integer
 * JSON.parse cannot keep exactly is read, with a warning.
 * Handles a UTF-8 BOM, CRLF line ends and blank lines (see `scanLines`).
 */
export async function* readJsonLines(file: string, onProblem: ProblemSink): AsyncGenerator<Line<unknown>> {
  try {
    for await (const { line, offset, length, text } of scanLines(file, onProblem)) {
      let value: unknown;
      try {
        value = parseJson(text);
      } catch (err) {
        onProblem({ file, line, severity: 'error', message: unreadable(err, text), kind: err instanceof JsonTooDeepError ? 'too-deep' : 'invalid-json' });
        continue;
      }
      const inexact = inexactIntegers(text);
      if (inexact.length > 0) onProblem({ file, line, severity: 'warning', message: inexactMessage(inexact), kind: 'inexact-integer' });
      yield { line, value, at: { file, offset, length } };
    }
  } catch (err) {
    // The problem names the file already; OS errors name it too (withPath), so it is said once.
    const reason = errorMessage(err);
    onProblem({ file, line: 0, severity: 'error', message: `cannot read file: ${reason.startsWith(`${file}: `) ? reason.slice(file.length + 2) : reason}` });
  }
}

function unreadable(err: unknown, text: string): string {
  if (err instanceof JsonTooDeepError) return `nested deeper than ${err.limit} levels; skipped`;
  return `not valid JSON (${errorMessage(err)}): ${excerpt(text.trim())}`;
}

function inexactMessage(literals: string[], shown = 3): string {
  const list = literals.slice(0, shown).map((l) => excerpt(l, 40));
  const more = literals.length > shown ? ` and ${literals.length - shown} more` : '';
  return `${literals.length === 1 ? 'integer' : 'integers'} ${list.join(', ')}${more} cannot be compared exactly; its verdict may be wrong`;
}

/** Streams a JSON Lines file and validates each line; invalid lines become problems. */
export async function* readValidatedLines<S extends z.ZodType>(
  file: string,
  schema: S,
  onProblem: ProblemSink,
  what: string,
): AsyncGenerator<Line<z.infer<S>>> {
  for await (const { line, value, at } of readJsonLines(file, onProblem)) {
    const parsed = schema.safeParse(value);
    if (parsed.success) yield { line, value: parsed.data, at };
    else onProblem({ file, line, severity: 'error', message: `not a valid ${what}: ${describeIssues(parsed.error)}`, kind: `invalid-${what.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` });
  }
}

export function excerpt(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
