import type { z } from 'zod';
import { describeIssues } from '../schema/index.js';
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
 * Streams a JSON Lines file. A line that is not JSON becomes a problem (file:line) and
 * reading goes on, so one torn or hand-edited line never hides the rest of a file.
 * Handles a UTF-8 BOM, CRLF line ends and blank lines (see `scanLines`).
 */
export async function* readJsonLines(file: string, onProblem: ProblemSink): AsyncGenerator<Line<unknown>> {
  try {
    for await (const { line, offset, length, text } of scanLines(file)) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        onProblem({ file, line, severity: 'error', message: `not valid JSON (${errorMessage(err)}): ${excerpt(text.trim())}` });
        continue;
      }
      yield { line, value, at: { file, offset, length } };
    }
  } catch (err) {
    onProblem({ file, line: 0, severity: 'error', message: `cannot read file: ${errorMessage(err)}` });
  }
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
    else onProblem({ file, line, severity: 'error', message: `not a valid ${what}: ${describeIssues(parsed.error)}` });
  }
}

export function excerpt(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
