// Makes one VSIX per platform: `npm run package` for this machine, `npm run package -- --target
// linux-arm64 …` for others. A VSIX carries the prebuilt llama.cpp binaries of its own platform
// (copied beside the bundles by `vscode:prepublish`, see esbuild.mjs), so a target is packed on a
// machine where `npm ci` installed that platform's binary package: npm installs only the ones
// matching the machine's OS.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'out', 'vsix');
const HOST_TARGET = `${process.platform}-${process.arch === 'arm' ? 'armhf' : process.arch}`;

const { values } = parseArgs({ options: { target: { type: 'string', multiple: true, default: [HOST_TARGET] } } });
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

mkdirSync(OUT, { recursive: true });
for (const target of values.target) {
  const vsix = join(OUT, `robustlens-${target}-${version}.vsix`);
  const vsce = spawnSync(process.execPath, [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--target', target, '--out', vsix], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ROBUSTLENS_VSIX_TARGET: target },
  });
  if (vsce.status !== 0) {
    console.error(`package: vsce failed for ${target} (exit ${vsce.status ?? vsce.signal})`);
    process.exit(1);
  }
  console.log(vsix);
}
