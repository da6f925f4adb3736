// Lint: typescript-eslint's type-aware rules plus the layering rule of docs/architecture.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * Which folder may import which: the table of docs/architecture.md ("Layers"), enforced. Every
 * folder of ours is named here; a folder not in a layer's list is refused, type imports included
 * (a type is a dependency too). Harnesses (test/, e2e/, bench/, scripts/) compose layers freely.
 */
const OURS = [
  'contracts',
  'cities',
  'geo',
  'db',
  'auth',
  'ingest',
  'realtime',
  'alarms',
  'notify',
  'sim',
  'runtime',
  'bin',
  'app',
  'components',
  'messages',
  'config',
  'scripts',
  'bench',
  'test',
  'e2e',
];
const LAYERS = {
  contracts: [],
  cities: ['contracts'],
  geo: ['contracts'],
  db: ['contracts', 'geo'],
  auth: ['contracts', 'db'],
  ingest: ['contracts', 'db', 'geo'],
  realtime: ['contracts', 'db'],
  alarms: ['contracts', 'db'],
  notify: ['contracts', 'db'],
  sim: ['contracts', 'cities', 'geo'],
  runtime: ['contracts', 'cities', 'geo', 'db', 'auth', 'ingest', 'realtime', 'alarms', 'notify', 'sim'],
  bin: ['contracts', 'cities', 'geo', 'db', 'ingest', 'realtime', 'sim', 'runtime'],
  components: ['contracts', 'messages'],
};
/** Browser code must not pull a server package into the bundle either. */
const SERVER_PACKAGES = ['pg', '@unni-craftsman/*', 'mqtt', 'aedes', 'ioredis', 'pino'];

const DEPTHS = [1, 2, 3, 4, 5, 6];

/**
 * The import specifiers that climb from a file `depth` folders below the root back to the root
 * and into a refused folder. Counting the `../` is what tells `../alarms/x` from components/alarms/
 * (a sibling subfolder) apart from the alarms/ layer.
 */
const refusedRegex = (depth, refused) => `^(\\.\\./){${depth}}(${refused.join('|')})(/|$)`;
const filesAt = (layer, depth) => [`${layer}/${'*/'.repeat(depth - 1)}*.{ts,tsx}`];

function layerRule(layer, refused, { allowTypeImports = false, also = [], message }) {
  return DEPTHS.map((depth) => ({
    files: filesAt(layer, depth),
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: refusedRegex(depth, refused), allowTypeImports, message },
            ...also.map((p) => ({ ...p, allowTypeImports, message })),
          ],
        },
      ],
    },
  }));
}

function layerRules() {
  const rules = Object.entries(LAYERS).flatMap(([layer, allowed]) =>
    layerRule(
      layer,
      OURS.filter((f) => f !== layer && !allowed.includes(f)),
      {
        also: layer === 'components' ? [{ group: SERVER_PACKAGES }] : [],
        message: `${layer}/ ${allowed.length ? `may import only ${allowed.join(', ')}` : 'imports nothing of ours'} (the layers of docs/architecture.md)`,
      },
    ),
  );
  // Next bundles its own copy of what app/ imports: server handles come from runtime/registry only,
  // types from anywhere. Two server modules with no handles in them are read directly (the audit
  // CSV line format, the password length limits).
  const appRefused = OURS.filter((f) => !['app', 'contracts', 'components', 'runtime', 'auth'].includes(f));
  rules.push(
    ...DEPTHS.map((depth) => ({
      files: filesAt('app', depth),
      rules: {
        '@typescript-eslint/no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                regex: `${refusedRegex(depth, appRefused)}|^(\\.\\./){${depth}}(runtime/(?!registry$|audit-csv$)|auth/(?!password-policy$))`,
                allowTypeImports: true,
                message:
                  'app/ imports contracts and components, and reaches server handles through runtime/registry only (types from anywhere)',
              },
            ],
          },
        ],
      },
    })),
  );
  return rules;
}

export default tseslint.config(
  {
    ignores: ['node_modules/', '.next/', 'data/', 'test-results/', 'playwright-report/', 'artifacts/', 'next-env.d.ts'],
  },
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
  ...layerRules(),
  {
    // Unit tests sit beside their module but may compose layers (a contract checked against a city's data).
    files: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    // CLIs and the test/bench harness print to the terminal by design.
    files: ['scripts/**/*.ts', 'bench/**/*.ts', 'bin/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
