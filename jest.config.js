// Tests run as native ES modules: NestJS 12 is published as ESM only.
const base = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^@ledger/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

/**
 * The read-store specs run twice: on SQLite in `int`, and on PostgreSQL in `int-postgres` (the same
 * files, with LEDGER_TEST_READ_STORE=postgres), which also runs the PostgreSQL-only specs
 * (`*.postgres.int.spec.ts`). SQLite-only machinery (the exclusive writer and its locks, the file-switching
 * rebuild, time travel's in-memory replays, the file crash harnesses) stays in `int`.
 */
const postgres = {
  ...base,
  displayName: 'int-postgres',
  globals: { LEDGER_TEST_READ_STORE: 'postgres' },
  testMatch: [
    '<rootDir>/libs/{read-store,projections,reporting}/**/*.int.spec.ts',
    '<rootDir>/{apps,libs}/**/*.postgres.int.spec.ts',
  ],
  testPathIgnorePatterns: [
    ...base.testPathIgnorePatterns,
    '/sqlite/',
    '/locks/',
    '/rebuild/(?!postgres/)',
    '/time-travel/',
    'crash\\.int\\.spec\\.ts$',
  ],
};

const postgresAvailable = Boolean(process.env.POSTGRES_TEST_URL);
if (!postgresAvailable) {
  process.stdout.write(
    'PostgreSQL read-store tests skipped: POSTGRES_TEST_URL is not set (.ci/run sets it; see README).\n',
  );
}

export default {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.unit.spec.ts'] },
    {
      ...base,
      displayName: 'int',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int.spec.ts'],
      testPathIgnorePatterns: [...base.testPathIgnorePatterns, '\\.postgres\\.int\\.spec\\.ts$'],
    },
    ...(postgresAvailable ? [postgres] : []),
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/{apps,libs}/**/*.e2e.spec.ts'] },
  ],
};
