import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { z } from 'zod';
import { describeIssues } from '../schema/json.js';
import type { ProblemSink } from './problems.js';

export interface Line<T> {
  line: number;
  value: T;
}

const BOM = '\uFEFF';

/**
 * Streams a JSON Lines file. A line that is not JSON becomes a problem (file:line) and
 * reading goes on, so one torn or hand-edited line never hides the rest of a file.
 * Handles a UTF-8 BOM, CRLF line ends and blank lines.
 */
export async function* readJsonLines(file: string, onProblem: ProblemSink): AsyncGenerator<Line<unknown>> {
  let stream;
  try {
    stream = createReadStream(file, { encoding: 'utf8' });
    await new Promise<void>((resolve, reject) => {
      stream!.once('open', () => resolve());
      stream!.once('error', reject);
    });
  } catch (err) {
    onProblem({ file, line: 0, severity: 'error', message: `cannot read file: ${(err as Error).message}` });
    return;
  }
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const raw of lines) {
    lineNo++;
    const text = (lineNo === 1 && raw.startsWith(BOM) ? raw.slice(1) : raw).trim();
    if (text === '') continue;
    try {
      yield { line: lineNo, value: JSON.parse(text) as unknown };
    } catch (err) {
      onProblem({ file, line: lineNo, severity: 'error', message: `not valid JSON (${(err as Error).message}): ${excerpt(text)}` });
    }
  }
}

/** Streams a JSON Lines file and validates each line; invalid lines become problems. */
export async function* readValidatedLines<S extends z.ZodType>(
  file: string,
  schema: S,
  onProblem: ProblemSink,
  what: string,
): AsyncGenerator<Line<z.infer<S>>> {
  for await (const { line, value } of readJsonLines(file, onProblem)) {
    const parsed = schema.safeParse(value);
    if (parsed.success) yield { line, value: parsed.data };
    else onProblem({ file, line, severity: 'error', message: `not a valid ${what}: ${describeIssues(parsed.error)}` });
  }
}

export function excerpt(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
