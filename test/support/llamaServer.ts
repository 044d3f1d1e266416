// Starts llama.cpp's llama-server (built by scripts/build-llama-server.sh) on a free loopback port
// for integration tests, and finds the binary so tests can skip with a clear message without it.
import { spawn } from 'node:child_process';
import { access, readdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface RunningLlamaServer {
  url: string;
  /** What the server printed, for a failing test's message. */
  log(): string;
  close(): Promise<void>;
}

/** Why a test that needs llama-server skips. */
export const LLAMA_SERVER_MISSING = 'llama-server not built: run scripts/build-llama-server.sh (or set ROBUSTLENS_LLAMA_SERVER)';

/** `ROBUSTLENS_LLAMA_SERVER`, else the newest build in the cache the build script fills. */
export async function findLlamaServer(): Promise<string | undefined> {
  const explicit = process.env.ROBUSTLENS_LLAMA_SERVER;
  if (explicit) return explicit;
  const cache = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'robustlens', 'llama-server');
  const releases = await readdir(cache).catch(() => [] as string[]);
  for (const release of releases.sort().reverse()) {
    const binary = join(cache, release, 'llama-server');
    if (await access(binary).then(() => true, () => false)) return binary;
  }
  return undefined;
}

export async function startLlamaServer(binary: string, modelPath: string, readyWithinMs = 30_000): Promise<RunningLlamaServer> {
  const port = await freePort();
  const child = spawn(binary, ['-m', modelPath, '--host', '127.0.0.1', '--port', String(port), '-t', '1', '-c', '4096', '-np', '1', '--offline'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const server: RunningLlamaServer = {
    url,
    log: () => output,
    close: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  const deadline = performance.now() + readyWithinMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`llama-server exited with ${child.exitCode}:\n${output}`);
    const healthy = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (healthy) return server;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await server.close();
  throw new Error(`llama-server was not ready within ${readyWithinMs} ms:\n${output}`);
}

/** A port nothing listens on right now (the OS picks it; the server takes it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
