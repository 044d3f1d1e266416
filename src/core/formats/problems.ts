import { safeText } from '../../common/safeText.js';

/** Something wrong with one line (or the whole) of an input file; reading goes on. */
export interface Problem {
  file: string;
  /** 1-based line number; 0 when the problem is about the file as a whole. */
  line: number;
  severity: 'error' | 'warning';
  message: string;
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
