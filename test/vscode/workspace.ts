// Where the extension under test is, and throw-away workspaces: tests open a copy of a fixture
// folder, so what the extension writes there (tags, caches) never lands in the repository.
import { rmSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { cleanUpOnExit } from './exitCleanup.js';

/** The repository root: package.json, dist/ and out/ of the extension under test. */
export const EXTENSION_ROOT = resolve(__dirname, '..', '..');

/** The extension-host test module, built by `node esbuild.mjs test` from test/integration/suite. */
export const INTEGRATION_SUITE = join(EXTENSION_ROOT, 'out', 'test', 'suite', 'index.js');

export interface TempWorkspace {
  /** Absolute path of the copy; its name is the fixture's, as the workbench shows it. */
  path: string;
  remove(): Promise<void>;
}

/** Copies `test/fixtures/<name>` into a fresh temp dir. */
export async function copyFixture(name: string): Promise<TempWorkspace> {
  const root = await mkdtemp(join(tmpdir(), 'robustlens-workspace-'));
  const path = join(root, basename(name));
  const forget = cleanUpOnExit(() => rmSync(root, { recursive: true, force: true }));
  await cp(join(EXTENSION_ROOT, 'test', 'fixtures', name), path, { recursive: true });
  return {
    path,
    async remove() {
      forget();
      await rm(root, { recursive: true, force: true });
    },
  };
}
