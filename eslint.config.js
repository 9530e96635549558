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

// docs/architecture.md: pages → features → api/components, one way.
const boundaryZones = [
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
  {
    target: [
      './src/app',
      './src/pages',
      './src/features',
      './src/api',
      './src/components',
      './src/i18n',
      './src/config',
    ],
    from: './src/mocks',
  },
  // The simulator is host-neutral: no MSW, no app code.
  {
    target: './acquirer',
    from: ['./src/app', './src/pages', './src/features', './src/components', './src/i18n'],
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
      'import-x/no-restricted-paths': ['error', { zones: boundaryZones }],
      'import-x/no-cycle': ['error', { maxDepth: 6 }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
      'import-x/order': [
        'error',
        {
          groups: ['builtin', 'external', 'internal', ['parent', 'sibling', 'index']],
          pathGroups: [{ pattern: '@/**', group: 'internal' }],
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
        { '{src,server,tests,e2e,scripts}/**/': 'KEBAB_CASE' },
      ],
    },
  },
  {
    // Named by language tag (BCP 47), as the catalogs and the `lang` attribute spell it.
    files: ['src/i18n/locales/**'],
    rules: { 'check-file/filename-naming-convention': 'off', 'check-file/folder-naming-convention': 'off' },
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
    files: ['**/*.test.{ts,tsx}', 'src/testing/**', 'e2e/**'],
    rules: { 'import-x/no-restricted-paths': 'off' },
  },
  {
    files: ['e2e/**', 'scripts/**', '*.config.{ts,js}'],
    rules: { 'react-hooks/rules-of-hooks': 'off', 'no-console': 'off' },
  },
  prettier,
);
