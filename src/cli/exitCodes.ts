import type { Problem } from '../core/formats/index.js';

/** What every command exits with; docs/cli-exit-codes.md says the same for users. */
export const EXIT = {
  ok: 0,
  /** The command failed, or it went on past input it could not use (the output is not whole). */
  failure: 1,
  usage: 2,
  /** Stopped by Ctrl-C (SIGINT) or SIGTERM, as shells report 128 + SIGINT. */
  interrupted: 130,
} as const;

/** `failure` when lines of the input could not be used (problems of severity error), else `ok`. */
export function exitCodeOf(problems: readonly Problem[]): number {
  return problems.some((p) => p.severity === 'error') ? EXIT.failure : EXIT.ok;
}
