// One build script, several named bundles. Usage: node esbuild.mjs [--watch] [--production] [name...]
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
 * node-llama-cpp is ESM-only and carries a native binding: it is loaded from node_modules at run
 * time with a dynamic import(), which esbuild keeps as it is when the module is external.
 */
const nodeLlamaCpp = 'node-llama-cpp';

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
    external: ['vscode', nodeLlamaCpp],
  },
  // `vscode` is deliberately not external: a stray import from src/core fails this bundle.
  cli: {
    ...common,
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: [nodeLlamaCpp],
    banner: { js: '#!/usr/bin/env node' },
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

const built = await Promise.all(
  selected.map(async (name) => {
    const ctx = await esbuild.context({
      ...contexts[name],
      plugins: watch ? [problemMatcher(name)] : [],
    });
    if (watch) {
      await ctx.watch();
      return ctx;
    }
    await ctx.rebuild();
    await ctx.dispose();
    return undefined;
  }),
).catch(() => process.exit(1));

if (!watch) console.log(`built ${selected.join(', ')}`);
else process.on('SIGINT', () => Promise.all(built.map((c) => c?.dispose())).then(() => process.exit(0)));
