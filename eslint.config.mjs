// Layering is enforced here, not by goodwill: src/core and src/protocol.ts stay free of
// `vscode`, DOM and the host layers; the webview never reaches Node.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', '.scratch/**', '.robustlens-cache/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['tsconfig.json', 'webview/tsconfig.json'], noWarnOnMultipleProjects: true })] },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/core',
              from: ['./src/views', './src/commands', './src/platform', './src/extension.ts', './src/cli.ts', './src/cli', './webview'],
              message: 'src/core is the pure core: it may not import host, CLI or webview code.',
            },
            // Unit tests beside the code may use the helpers in test/support (servers, child processes).
            { target: './src/**/!(*.test).ts', from: './test/**', message: 'production code may not import tests.' },
            { target: './webview', from: ['./src/core', './src/views', './src/commands', './src/platform', './src/cli'], message: 'the webview may only import src/protocol.ts.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/protocol.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/core must not depend on VS Code.' }] }],
      // No DOM in the core: these globals exist only in a browser.
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'HTMLElement', 'localStorage'],
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['vscode', ...nodeBuiltins] }],
    },
  },
  {
    files: ['**/*.mjs', 'scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
