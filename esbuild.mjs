// One build script, several named bundles. Usage: node esbuild.mjs [--watch] [--production] [name...]
// --production (the VSIX's `vscode:prepublish`) minifies, writes no source maps and starts from an
// empty dist/, so nothing stale or private ends up in the package.
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as esbuild from 'esbuild';

const args = process.argv.slice(2);
const watch = args.includes('--watch');
const production = args.includes('--production');
const only = args.filter((a) => !a.startsWith('--'));

/** Prints the lines VS Code's esbuild problem matcher expects in watch mode. */
const problemMatcher = (name) => ({
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log(`[watch] build started (${name})`));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log(`[watch] build finished (${name})`);
    });
  },
});

/**
 * node-llama-cpp (ESM-only, 280 files, 130 dependencies) is bundled on its own into
 * dist/llama/node-llama-cpp.mjs, which the CommonJS bundles load on first use with a dynamic
 * import() (kept as it is because the path is external). Its modules find their data files and
 * fork a binary test from `import.meta.url`, so each module's `import.meta.url` becomes the place
 * its file has in a copy of the package's layout under dist/llama/node-llama-cpp (where the data
 * files are copied), and the binary test is an entry of its own named as node-llama-cpp expects.
 * The prebuilt llama.cpp binaries stay separate packages (@node-llama-cpp/<platform>).
 */
const LLAMA_OUT = 'dist/llama';
const LLAMA_ENTRY = './llama/node-llama-cpp.mjs';
const llamaPackage = join(import.meta.dirname, 'node_modules', 'node-llama-cpp');
const bindingTest = join(llamaPackage, 'dist', 'bindings', 'utils', 'testBindingBinary.js');
/** The files node-llama-cpp reads at run time with prebuilt binaries (no compiling, no downloads). */
const LLAMA_DATA = ['package.json', 'llama/package.json', 'llama/binariesGithubRelease.json', 'llama/llama.cpp.info.json', 'llama/grammars'];

/** vsce's targets → the node-llama-cpp packages with that platform's binaries (the CPU one first). */
const LLAMA_BINARIES = {
  'linux-x64': ['linux-x64', 'linux-x64-cuda', 'linux-x64-cuda-ext', 'linux-x64-vulkan'],
  'linux-arm64': ['linux-arm64'],
  'linux-armhf': ['linux-armv7l'],
  'darwin-x64': ['mac-x64'],
  'darwin-arm64': ['mac-arm64-metal'],
  'win32-x64': ['win-x64', 'win-x64-cuda', 'win-x64-cuda-ext', 'win-x64-vulkan'],
  'win32-arm64': ['win-arm64'],
};

const llamaMetaUrl = {
  name: 'llama-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(join(llamaPackage, 'dist'))) return undefined;
      const code = readFileSync(args.path, 'utf8');
      if (!code.includes('import.meta.url')) return { contents: code, loader: 'js' };
      const place = args.path === bindingTest ? './testBindingBinary.mjs' : `./node-llama-cpp/${relative(llamaPackage, args.path).split('\\').join('/')}`;
      return { contents: code.replaceAll('import.meta.url', `new URL(${JSON.stringify(place)}, import.meta.url).href`), loader: 'js' };
    });
    build.onEnd((result) => {
      if (result.errors.length) return;
      for (const file of LLAMA_DATA) cpSync(join(llamaPackage, file), join(LLAMA_OUT, 'node-llama-cpp', file), { recursive: true });
      if (production) copyLlamaBinaries(process.env.ROBUSTLENS_VSIX_TARGET ?? hostTarget());
      else rmSync(join(LLAMA_OUT, 'node_modules'), { recursive: true, force: true });
    });
  },
};

/** Only the VSIX needs them beside the bundle; a development build finds them in node_modules. */
function copyLlamaBinaries(target) {
  const packages = LLAMA_BINARIES[target];
  if (!packages) throw new Error(`unknown target "${target}"; known: ${Object.keys(LLAMA_BINARIES).join(', ')}`);
  const scope = join('node_modules', '@node-llama-cpp');
  if (!existsSync(join(scope, packages[0]))) {
    throw new Error(`${join(scope, packages[0])} is missing: build the ${target} package on a ${target} machine after \`npm ci\``);
  }
  for (const name of packages.filter((p) => existsSync(join(scope, p)))) {
    cpSync(join(scope, name), join(LLAMA_OUT, 'node_modules', '@node-llama-cpp', name), { recursive: true });
  }
}

function hostTarget() {
  return `${process.platform}-${process.arch === 'arm' ? 'armhf' : process.arch}`;
}

/** The CommonJS bundles load node-llama-cpp from its own bundle, never from node_modules. */
const llamaFromBundle = {
  name: 'llama-from-bundle',
  setup(build) {
    build.onResolve({ filter: /^node-llama-cpp$/ }, () => ({ path: LLAMA_ENTRY, external: true }));
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
};

/** @type {Record<string, import('esbuild').BuildOptions>} */
const contexts = {
  extension: {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [llamaFromBundle],
  },
  // `vscode` is deliberately not external: a stray import from src/core fails this bundle.
  cli: {
    ...common,
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [llamaFromBundle],
    banner: { js: '#!/usr/bin/env node' },
  },
  llama: {
    ...common,
    sourcemap: false,
    entryPoints: { 'node-llama-cpp': join(llamaPackage, 'dist', 'index.js'), testBindingBinary: bindingTest },
    outdir: LLAMA_OUT,
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Loaded only on paths RobustLens never takes (downloads, Electron): left out of the bundle.
    external: ['@node-llama-cpp/*', '@reflink/*', 'electron'],
    // Its CommonJS dependencies call require(); an ES module has none of its own.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    plugins: [llamaMetaUrl],
  },
  // Extension-host tests: VS Code loads out/test/suite/index.js, which runs the *.test.js beside it.
  // mocha stays external so the runner and the test files share one instance (its `suite`/`test`
  // exports forward to the instance that is loading files), resolved from node_modules at run time.
  test: {
    ...common,
    entryPoints: ['test/integration/suite/index.ts', 'test/integration/suite/**/*.test.ts'],
    outbase: 'test/integration/suite',
    outdir: 'out/test/suite',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
  },
  // The inspector page, Monaco's editor worker (started from a Blob, see webview/monacoWorkers.ts),
  // the dashboard, and the script of the self-contained HTML report (inlined into the file).
  webview: {
    ...common,
    entryPoints: { main: 'webview/main.ts', 'editor.worker': 'monaco-editor/editor/editor.worker.js', dashboard: 'webview/dashboard.ts', report: 'webview/reportPage.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    loader: { '.ttf': 'file' },
    minify: true,
  },
};

const selected = only.length ? only : Object.keys(contexts);
for (const name of selected) {
  if (!contexts[name]) {
    console.error(`unknown bundle "${name}"; known: ${Object.keys(contexts).join(', ')}`);
    process.exit(2);
  }
}

if (production) rmSync('dist', { recursive: true, force: true });

const built = await Promise.all(
  selected.map(async (name) => {
    const ctx = await esbuild.context({
      ...contexts[name],
      plugins: [...(contexts[name].plugins ?? []), ...(watch ? [problemMatcher(name)] : [])],
    });
    if (watch) {
      await ctx.watch();
      return ctx;
    }
    await ctx.rebuild();
    await ctx.dispose();
    return undefined;
  }),
).catch((error) => {
  if (!error?.errors) console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

if (!watch) console.log(`built ${selected.join(', ')}`);
else process.on('SIGINT', () => Promise.all(built.map((c) => c?.dispose())).then(() => process.exit(0)));
