// Layering is enforced here, not by goodwill. Each folder is a zone that may import only the
// zones below it:
//
//   common ← core ← services ← views ← commands ← extension.ts      (the extension host)
//   common ← core ← cli                                             (the command line)
//   common ← protocol ← webview                                     (the browser)
//
// core may also `import type` from protocol (the inspector's view model is built there), and
// services, views and commands may use protocol's types and values. Product code enters a core
// module only through its `index.ts`, which lists what the module offers; tests are white-box
// and may import any file. Production code never imports tests. The rules match import
// specifiers, so they need no module resolver; src/layering.test.ts proves each zone with probes.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const forbid = (group, zone) => ({ group, message: `${zone} may not import this layer.` });
const LAYERS = {
  services: ['**/services/**'],
  views: ['**/views/**'],
  commands: ['**/commands/**'],
  cli: ['**/cli/**', '**/cli', '**/cli.js'],
  extension: ['**/extension', '**/extension.js'],
  webview: ['**/webview/**'],
  protocol: ['**/protocol', '**/protocol.js'],
  core: ['**/core/**'],
};
const TESTS = { group: ['**/test/**'], message: 'production code may not import tests.' };
const VSCODE = (zone) => ({ name: 'vscode', message: `${zone} must not depend on VS Code.` });

/** Outside src/core, a core module is entered only through its index.ts. */
const CORE_BARREL = { regex: '^\\.{1,2}/(\\.\\./)*core/[^/]+/(?!index\\.js$)', message: 'import a core module through its index.ts (its public surface).' };
/** Inside src/core, another module is entered through its index.ts; `ups` is how many `../` lead out of the module. */
const coreBarrelAt = (ups) => ({
  regex: `^(\\.\\./){${ups}}(?!\\.\\./)[^/]+/(?!index\\.js$)`,
  message: 'import another core module through its index.ts (its public surface).',
});

/**
 * One zone: what its files may not import. Flat config replaces a rule's options per matching
 * block, so every file must match exactly one block: production and test files are split here,
 * and each block lists all it forbids.
 */
function zone(files, { paths = [], patterns = [], barrel, globals, tests = { paths, patterns } } = {}) {
  const production = { paths, patterns: [...patterns, TESTS, ...(barrel ? [barrel] : [])] };
  const blocks = [
    { files, ignores: ['**/*.test.ts'], rules: { 'no-restricted-imports': ['error', production] } },
    { files: files.map((f) => f.replace(/\*\.ts$|\.ts$/, (m) => (m === '*.ts' ? '*.test.ts' : '.test.ts'))), rules: { 'no-restricted-imports': ['error', tests] } },
  ];
  if (globals) for (const b of blocks) b.rules['no-restricted-globals'] = ['error', ...globals];
  return blocks;
}

const DOM_GLOBALS = ['window', 'document', 'navigator', 'HTMLElement', 'localStorage'];
const CORE = {
  paths: [VSCODE('src/core')],
  patterns: [
    forbid([...LAYERS.services, ...LAYERS.views, ...LAYERS.commands, ...LAYERS.cli, ...LAYERS.extension, ...LAYERS.webview], 'src/core (the pure core)'),
    { ...forbid(LAYERS.protocol, 'src/core'), allowTypeImports: true, message: 'src/core may only `import type` from protocol.' },
  ],
  globals: DOM_GLOBALS,
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', '.scratch/**', '.robustlens-cache/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // src/common: leaf helpers every zone may use; it imports nothing of ours, Node's or VS Code's.
  ...zone(['src/common/**/*.ts'], { paths: ['vscode', ...nodeBuiltins], patterns: [{ regex: '^\\.\\./', message: 'src/common imports nothing outside itself.' }], globals: DOM_GLOBALS, tests: { paths: ['vscode'] } }),
  // src/core, one block per folder depth, so "another module" is recognised from a relative path.
  ...[1, 2, 3, 4].flatMap((depth) => zone([`src/core/${'*/'.repeat(depth)}*.ts`], { ...CORE, barrel: coreBarrelAt(depth) })),
  // src/protocol.ts: shared by host and webview, so it may import only src/common.
  ...zone(['src/protocol.ts'], { paths: ['vscode', ...nodeBuiltins], patterns: [{ regex: '^\\./(?!common/)', message: 'protocol.ts may import only src/common.' }], globals: DOM_GLOBALS, tests: { paths: ['vscode'] } }),
  ...zone(['src/services/**/*.ts'], { patterns: [forbid([...LAYERS.views, ...LAYERS.commands, ...LAYERS.cli, ...LAYERS.extension, ...LAYERS.webview], 'src/services')], barrel: CORE_BARREL }),
  ...zone(['src/views/**/*.ts'], { patterns: [forbid([...LAYERS.commands, ...LAYERS.cli, ...LAYERS.extension, ...LAYERS.webview], 'src/views')], barrel: CORE_BARREL }),
  ...zone(['src/commands/**/*.ts'], { patterns: [forbid([...LAYERS.cli, ...LAYERS.extension, ...LAYERS.webview], 'src/commands')], barrel: CORE_BARREL }),
  ...zone(['src/extension.ts'], { patterns: [forbid([...LAYERS.cli, ...LAYERS.webview], 'src/extension.ts')], barrel: CORE_BARREL }),
  ...zone(['src/cli.ts', 'src/cli/**/*.ts'], {
    paths: [VSCODE('the CLI')],
    patterns: [forbid([...LAYERS.services, ...LAYERS.views, ...LAYERS.commands, ...LAYERS.extension, ...LAYERS.webview, ...LAYERS.protocol], 'the CLI')],
    barrel: CORE_BARREL,
  }),
  // src/layering.test.ts and other files at the top of src (none besides these) only test.
  // The webview runs in a browser: no Node, no VS Code API, nothing of src but protocol and common.
  {
    files: ['webview/**/*.ts'],
    ignores: ['webview/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['vscode', ...nodeBuiltins], patterns: [{ regex: '^(\\.\\./)+src/(?!protocol$|common/)', message: 'the webview may only import src/protocol.ts and src/common.' }, TESTS] }],
    },
  },
  {
    files: ['webview/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['vscode'], patterns: [{ regex: '^(\\.\\./)+src/(?!protocol$|common/)', message: 'the webview may only import src/protocol.ts and src/common.' }] }],
    },
  },
  {
    files: ['**/*.mjs', 'scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
