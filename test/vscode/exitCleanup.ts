// Cleanups that must run however this process ends (short of SIGKILL). code-server runs in its own
// process group, so that it can be ended with everything it forks, which also means the terminal's
// Ctrl-C and a test runner's SIGTERM on timeout never reach it; temp dirs must not pile up either.
const cleanups = new Set<() => void>();
let installed = false;

function runAll(): void {
  for (const cleanup of cleanups) cleanup();
  cleanups.clear();
}

function install(): void {
  installed = true;
  process.on('exit', runAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      runAll();
      // Re-raised so the process ends the way it would have without this handler.
      process.kill(process.pid, signal);
    });
  }
}

/**
 * Runs `cleanup` (synchronous: the process is going) if this process exits before the returned
 * function is called.
 */
export function cleanUpOnExit(cleanup: () => void): () => void {
  if (!installed) install();
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}
