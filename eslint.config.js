// ESLint (type-checked) + the layer rules. Prettier owns formatting.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const FRAMEWORK = [
  '@nestjs/*',
  '@eventstore/*',
  'node:*',
  'better-sqlite3',
  'pg',
  'kysely',
  'class-validator',
  'class-transformer',
];
const NODE_BUILTINS = [
  'fs',
  'path',
  'crypto',
  'os',
  'child_process',
  'http',
  'net',
  'url',
  'util',
  'events',
  'stream',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'coverage/**',
      '*.config.js',
      'eslint.config.js',
      'bench/work/**',
      'bench/peer/node_modules/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/unbound-method': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@ledger/*/*'], message: 'Import a lib through its public door, @ledger/<lib>.' },
            {
              group: ['**/apps/*', '../../apps/*'],
              message: 'Apps never import each other, and libs never import apps.',
            },
          ],
        },
      ],
    },
  },
  {
    // Classes injected through decorator metadata must stay value imports.
    files: ['apps/**/*.ts', 'libs/ledger-application/**/*.ts', 'libs/config/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    // The domain is plain TypeScript: no framework, no I/O, no clock.
    files: ['libs/ledger-domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.map((name) => ({ name, message: 'The domain does no I/O.' })),
          patterns: [
            { group: FRAMEWORK, message: 'The domain imports no framework, driver or Node module.' },
            { group: ['@ledger/*'], message: 'The domain depends on nothing else in the ledger.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'Time arrives as an input (DecisionContext.now).' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Ids arrive as inputs.' },
      ],
    },
  },
  {
    // The application layer speaks to ports, not to Nest's HTTP or drivers.
    files: ['libs/ledger-application/**/*.ts', 'libs/event-store/src/port.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/platform-*', 'express', 'better-sqlite3', 'pg', '@eventstore/*'],
              message: 'Use a port.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      '**/*.spec.ts',
      'libs/testing/**/*.ts',
      'libs/*/src/contract/**/*.ts',
      'apps/*/src/testing/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  {
    // The peer's runner is plain JavaScript with its own packages (bench/peer): no type information.
    files: ['bench/peer/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'module',
      globals: Object.fromEntries(
        [
          'process',
          'Buffer',
          'console',
          'setTimeout',
          'clearTimeout',
          'setImmediate',
          'performance',
          'URL',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
  prettier,
);
