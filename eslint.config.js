import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import checkFile from 'eslint-plugin-check-file';
import importX from 'eslint-plugin-import-x';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import testingLibrary from 'eslint-plugin-testing-library';
import { readdirSync } from 'node:fs';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

// docs/architecture.md: every folder's arrows point one way. contract ← acquirer ← server; contract ← src;
// contract ← terminal (the emulator speaks only the terminal protocol); the app reaches the acquirer only
// through its MSW adapter (src/mocks), which only tests and the gated mock bootstrap load.
const TOP_LEVEL = [
  './contract',
  './acquirer',
  './server',
  './src',
  './terminal',
  './e2e',
  './tests',
  './scripts',
];
const APP_LAYERS = [
  './src/app',
  './src/pages',
  './src/features',
  './src/api',
  './src/components',
  './src/i18n',
  './src/config',
];
const others = (...allowed) => TOP_LEVEL.filter((folder) => !allowed.includes(folder));

const folderZones = [
  { target: './contract', from: others('./contract') },
  { target: './acquirer', from: others('./contract', './acquirer') },
  { target: './server', from: others('./contract', './acquirer', './server') },
  { target: './src', from: others('./contract', './acquirer', './src') },
  { target: './terminal', from: others('./contract', './terminal') },
  { target: './scripts', from: ['./e2e', './tests', './server'] },
];

const appZones = [
  {
    target: ['./src/features', './src/api', './src/components', './src/i18n', './src/config'],
    from: ['./src/app', './src/pages'],
  },
  { target: ['./src/api', './src/components', './src/i18n', './src/config'], from: './src/features' },
  { target: './src/api', from: './src/components' },
  ...features.map((name) => ({
    target: `./src/features/${name}`,
    from: './src/features',
    except: [`./${name}`],
  })),
];

const productionZones = [
  ...folderZones,
  ...appZones,
  // The acquirer runs in the app only through the MSW adapter.
  { target: APP_LAYERS, from: ['./acquirer', './src/mocks', './src/testing'] },
];

// Tests may reach further in (the acquirer's demo fixtures, the MSW adapter, a running server), never back
// into what tests it from above, and never into another test tree.
const testZones = [
  { target: './contract', from: others('./contract') },
  { target: './acquirer', from: others('./contract', './acquirer') },
  { target: './server', from: ['./src', './e2e', './scripts'] },
  { target: './src', from: ['./server', './e2e', './tests', './scripts'] },
  // The emulator's tests answer it with a server of their own, never the acquirer's.
  { target: './terminal', from: others('./contract', './terminal') },
  { target: './e2e', from: ['./src/app', './src/pages', './src/features', './src/mocks', './tests'] },
  {
    target: './tests',
    from: ['./src/app', './src/pages', './src/features', './src/components', './e2e'],
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-*',
      'coverage',
      'test-results',
      'playwright-report',
      'public/mockServiceWorker.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['**/*.{js,mjs}'], languageOptions: { globals: globals.node } },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'import-x/no-restricted-paths': ['error', { zones: productionZones }],
      'import-x/no-cycle': ['error', { maxDepth: 6 }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
      'import-x/order': [
        'error',
        {
          groups: ['builtin', 'external', 'internal', ['parent', 'sibling', 'index']],
          pathGroups: [{ pattern: '{@,@contract,@acquirer}/**', group: 'internal' }],
          pathGroupsExcludedImportTypes: ['builtin'],
          'newlines-between': 'never',
          alphabetize: { order: 'asc', caseInsensitive: true },
        },
      ],
    },
  },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: ['**/*.d.ts'],
    plugins: { 'check-file': checkFile },
    rules: {
      'check-file/filename-naming-convention': [
        'error',
        { '**/*.{ts,tsx,js,mjs}': 'KEBAB_CASE' },
        { ignoreMiddleExtensions: true },
      ],
      'check-file/folder-naming-convention': [
        'error',
        { '{contract,acquirer,src,server,terminal,tests,e2e,scripts}/**/': 'KEBAB_CASE' },
      ],
    },
  },
  {
    // Named by language tag (BCP 47), as the catalogs and the `lang` attribute spell it.
    files: ['src/i18n/locales/**'],
    rules: { 'check-file/filename-naming-convention': 'off', 'check-file/folder-naming-convention': 'off' },
  },
  {
    // Numbered, so that they sort in the order they apply: 0001-initial.ts, 0002-….
    files: ['server/db/migrations/**'],
    rules: { 'check-file/filename-naming-convention': ['error', { '**/*.ts': '+([0-9])-+([a-z0-9-])' }] },
  },
  { files: ['src/**/*.tsx'], ...jsxA11y.flatConfigs.recommended },
  {
    files: ['src/**/*.test.{ts,tsx}', 'src/testing/**'],
    ...testingLibrary.configs['flat/react'],
    rules: {
      ...testingLibrary.configs['flat/react'].rules,
      // renderApp gives the app under test (user, router, url), not a bare render result.
      'testing-library/render-result-naming-convention': 'off',
    },
  },
  {
    // Vitest runs without globals here, so Testing Library cannot register its cleanup.
    files: ['src/testing/setup.ts'],
    rules: { 'testing-library/no-manual-cleanup': 'off' },
  },
  {
    files: ['**/*.test.{ts,tsx}', '**/test-support.ts', '**/testing/**', 'e2e/**', 'tests/**'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: testZones }] },
  },
  {
    files: ['e2e/**', 'scripts/**', '*.config.{ts,js}'],
    rules: { 'react-hooks/rules-of-hooks': 'off', 'no-console': 'off' },
  },
  prettier,
);
