/** The message of anything thrown: an Error's message, or the thrown value as text. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** An error from the operating system (`ENOENT`, `EISDIR`, …), as Node's fs throws them. */
function isOsError(err: unknown): err is Error & { code: string; syscall: string } {
  return err instanceof Error && typeof (err as { code?: unknown }).code === 'string' && typeof (err as { syscall?: unknown }).syscall === 'string';
}

/**
 * The error, naming the path it is about: Node leaves the path out of some OS errors (a read
 * of a folder says only `EISDIR: illegal operation on a directory, read`). Anything else, or
 * a message that names the path already, is returned as it is.
 */
export function withPath(err: unknown, path: string): unknown {
  if (!isOsError(err) || err.message.includes(path)) return err;
  return Object.assign(new Error(`${path}: ${err.message}`, { cause: err }), { code: err.code, syscall: err.syscall });
}
