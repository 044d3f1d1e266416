import { safeText } from '../../common/safeText.js';

/** Something wrong with one line (or the whole) of an input file; reading goes on. */
export interface Problem {
  file: string;
  /** 1-based line number; 0 when the problem is about the file as a whole. */
  line: number;
  severity: 'error' | 'warning';
  message: string;
  /** What went wrong, as a stable name (`invalid-json`, `duplicate-id`, …), for problems a file can have on many lines. */
  kind?: string;
}

export type ProblemSink = (problem: Problem) => void;

/** Collects problems into an array, for callers that report them at the end. */
export function collectProblems(): { problems: Problem[]; sink: ProblemSink } {
  const problems: Problem[] = [];
  return { problems, sink: (p) => problems.push(p) };
}

/** One line for a terminal or a log; the file name and the message (which may quote the line) are escaped. */
export function formatProblem(p: Problem): string {
  return `${safeText(p.file)}${p.line ? `:${p.line}` : ''}: ${p.severity}: ${safeText(p.message)}`;
}

/** Problems of one kind in one file, folded into the first with a count. */
export interface FoldedProblem extends Problem {
  /** How many problems this one stands for (1 when it stands alone). */
  count: number;
  /** The lines of the others, in order. */
  moreLines: number[];
}

/**
 * Folds problems of one kind in one file (same severity) into the first of them, so a file with a
 * thousand bad lines of one kind shows as one entry with a count. Problems without a kind fold
 * only with the very same message.
 */
export function foldProblems(problems: readonly Problem[]): FoldedProblem[] {
  const folded = new Map<string, FoldedProblem>();
  for (const p of problems) {
    const key = JSON.stringify([p.file, p.severity, p.kind ?? '', p.kind ? '' : p.message]);
    const first = folded.get(key);
    if (first) {
      first.count++;
      first.moreLines.push(p.line);
    } else {
      folded.set(key, { ...p, count: 1, moreLines: [] });
    }
  }
  return [...folded.values()];
}

/** The folded problem's message: the first one's, and how many more lines have the same kind of problem. */
export function foldedMessage(p: FoldedProblem): string {
  if (p.count === 1) return p.message;
  const shown = p.moreLines.slice(0, 5).join(', ');
  return `${p.message} (and ${p.count - 1} more like it on line${p.count > 2 ? 's' : ''} ${shown}${p.moreLines.length > 5 ? ', …' : ''})`;
}
