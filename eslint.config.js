// Lint: typescript-eslint's type-aware rules plus the layering rule of docs/architecture.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['node_modules/', '.next/', 'data/', 'test-results/', 'playwright-report/', 'artifacts/', 'next-env.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
    },
  },
  {
    files: ['components/**/*.{ts,tsx}', 'app/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // contracts/ is the base layer: it imports nothing else of ours.
    files: ['contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../db/*', '../ingest/*', '../realtime/*', '../components/*', '../app/*', '../sim/*', '../runtime/*', '../cities/*', '../geo/*'], message: 'contracts/ is the base layer and imports nothing else of ours' }] }],
    },
  },
  {
    // Browser code sees only types from contracts/ and the client side of realtime.
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/db/*', '**/ingest/*', '**/runtime/*', '**/sim/*', 'pg', '@unni-craftsman/*', 'mqtt', 'aedes', 'ioredis'], message: 'components/ runs in the browser: import only types from contracts/' }] }],
    },
  },
  {
    // Next bundles its own copy of what app/ imports: server handles come from runtime/registry only.
    files: ['app/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['**/db/*', '**/ingest/*', '**/realtime/*', '**/sim/*', '**/geo/*'], allowTypeImports: true, message: 'app/ reaches server handles through runtime/registry' }] }],
    },
  },
  {
    // Unit tests sit beside their module but may compose layers (a contract checked against a city's data).
    files: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // CLIs and the test/bench harness print to the terminal by design.
    files: ['scripts/**/*.ts', 'bench/**/*.ts', 'sim/main.ts', 'db/migrate-cli.ts'],
    rules: { 'no-console': 'off' },
  },
);
