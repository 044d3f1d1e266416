// `npm run demo`: prepares the demo workspace (scripts/prepare-demo.ts) and opens it in a VS Code
// with this extension loaded from the repository: the desktop `code` when there is one, else
// code-server, whose URL is printed and which runs until Ctrl-C.
//   tsx scripts/demo.ts [workspace] [--no-open]   (--no-open: prepare and print the workspace path)
import { execFile, spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { delimiter, join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { errorMessage } from '../src/common/errorMessage.js';
import { startCodeServer } from '../test/vscode/codeServer.js';
import { DEFAULT_DEMO_WORKSPACE, prepareDemo } from './prepare-demo.js';

const REPO = resolve(__dirname, '..');

/** The desktop VS Code command, if one is on PATH. */
async function desktopCode(): Promise<string | undefined> {
  const name = process.platform === 'win32' ? 'code.cmd' : 'code';
  for (const dir of (process.env['PATH'] ?? '').split(delimiter).filter(Boolean)) {
    const file = join(dir, name);
    if (await access(file, constants.X_OK).then(() => true, () => false)) return file;
  }
  return undefined;
}

function openInDesktop(code: string, workspace: string): Promise<void> {
  // Windows runs a .cmd only through a shell.
  const child = spawn(code, [`--extensionDevelopmentPath=${REPO}`, workspace], { stdio: 'inherit', shell: process.platform === 'win32' });
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('exit', (status) => (status === 0 ? done() : fail(new Error(`${code} exited with ${status}`))));
  });
}

/**
 * The workbench URL that opens `folder` with this extension loaded from the repository. Paths in
 * the payload are on code-server's side, hence `vscode-remote://`; code-server honours the
 * payload only with `--vscode-option enable-smoke-test-driver` (see notes/vscode-in-ci.md).
 */
function workbenchUrl(serverUrl: string, folder: string): string {
  const url = new URL(serverUrl);
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${url.host}${REPO}`],
    ['skipWelcome', 'true'],
  ];
  url.searchParams.set('folder', folder);
  url.searchParams.set('payload', JSON.stringify(payload));
  return url.href;
}

/** Installs code-server on first use (the script reuses what its cache holds) and returns the cache dir. */
async function codeServerCache(): Promise<string> {
  const { stdout } = await promisify(execFile)('bash', [join(REPO, 'scripts', 'setup-code-server.sh')], { maxBuffer: 1 << 20 });
  return stdout.trim().split('\n').pop()!;
}

async function serveInCodeServer(workspace: string): Promise<void> {
  process.env['ROBUSTLENS_CACHE'] = await codeServerCache();
  const server = await startCodeServer();
  let stopping = false;
  // Kept (not `once`) so that a second signal, or the one code-server's exit hook re-raises,
  // is absorbed instead of ending this process before the stop has cleaned up.
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.error('\nstopping code-server…');
    void server.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // The event loop empties only when code-server is gone without being stopped.
  process.once('beforeExit', () => {
    console.error(`code-server exited on its own; its last output:\n${server.recentOutput()}`);
    process.exitCode = 1;
  });
  console.log(`\nRobustLens demo in code-server — open this URL in a browser on this machine:\n\n  ${workbenchUrl(server.url, workspace)}\n\nThen click the RobustLens icon in the activity bar. Ctrl-C stops code-server.`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'no-open': { type: 'boolean', default: false } } });
  const started = performance.now();
  const demo = await prepareDemo({ workspace: positionals[0] ?? DEFAULT_DEMO_WORKSPACE, onProgress: (line) => console.error(line) });
  console.error(`demo workspace ready in ${((performance.now() - started) / 1000).toFixed(1)} s; predictions in ${demo.predictions}`);
  if (values['no-open']) {
    console.log(demo.workspace);
    return;
  }
  const code = await desktopCode();
  if (code) {
    await openInDesktop(code, demo.workspace);
    console.log(`Opened ${demo.workspace} in VS Code with the extension from ${REPO}.`);
  } else {
    await serveInCodeServer(demo.workspace);
  }
}

main().catch((err: unknown) => {
  console.error(errorMessage(err));
  process.exit(1);
});
