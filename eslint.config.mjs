// Layering is enforced here, not by goodwill: src/core and src/protocol.ts stay free of
// `vscode`, DOM and the host layers; the webview never reaches Node; production code never
// imports tests. The rules match import specifiers, so they need no module resolver.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const NO_HOST = {
  group: ['**/views/**', '**/commands/**', '**/platform/**', '**/extension', '**/extension.js', '**/cli', '**/cli.js', '**/cli/**', '**/webview/**'],
  message: 'src/core is the pure core: it may not import host, CLI or webview code.',
};
const NO_TESTS = { group: ['**/test/**'], message: 'production code may not import tests.' };
const NO_VSCODE = { name: 'vscode', message: 'src/core must not depend on VS Code.' };

function restrict(files, ignores, options) {
  return { files, ignores, rules: { 'no-restricted-imports': ['error', options] } };
}

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', '.scratch/**', '.robustlens-cache/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Flat config replaces a rule's options per matching block, so each block lists all it forbids.
  restrict(['src/**/*.ts'], ['src/**/*.test.ts'], { patterns: [NO_TESTS] }),
  restrict(['src/core/**/*.ts', 'src/protocol.ts'], [], { paths: [NO_VSCODE], patterns: [NO_HOST] }),
  restrict(['src/core/**/*.ts', 'src/protocol.ts'], ['src/**/*.test.ts'], { paths: [NO_VSCODE], patterns: [NO_HOST, NO_TESTS] }),
  {
    files: ['src/core/**/*.ts', 'src/protocol.ts'],
    rules: {
      // No DOM in the core: these globals exist only in a browser.
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'HTMLElement', 'localStorage'],
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode', ...nodeBuiltins],
          patterns: [{ group: ['**/src/core/**', '**/src/views/**', '**/src/commands/**', '**/src/platform/**', '**/src/cli/**'], message: 'the webview may only import src/protocol.ts.' }],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', 'scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
