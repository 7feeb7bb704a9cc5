import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { openPostgresReadStore, openSqliteReadStore, type ReadStore } from '@ledger/read-store';

export type ReadStoreDialect = ReadStore<unknown>['dialect'];

/**
 * Which read store the running jest project tests: the `int-postgres` project sets the global
 * `LEDGER_TEST_READ_STORE` to 'postgres' and runs the same specs again; every other project is SQLite.
 */
export function readStoreUnderTest(): ReadStoreDialect {
  const chosen = (globalThis as { LEDGER_TEST_READ_STORE?: unknown }).LEDGER_TEST_READ_STORE;
  return chosen === 'postgres' ? 'postgres' : 'sqlite';
}

/** The PostgreSQL server the tests use: `POSTGRES_TEST_URL` (`.ci/run` sets it). */
export function postgresTestUrl(): string {
  const url = process.env['POSTGRES_TEST_URL'];
  if (url === undefined || url === '') {
    throw new Error('POSTGRES_TEST_URL is not set: the PostgreSQL read-store tests need a server');
  }
  return url;
}

/**
 * A fresh, empty read store of the dialect under test: a SQLite file (or `:memory:`), or a
 * PostgreSQL schema of its own that `close()` drops, so tests never see each other's rows.
 *
 * @example
 * const store = openTestReadStore<GrantRegisterTables>({ file: join(dir, 'read.sqlite') });
 */
export function openTestReadStore<DB>(options: { readonly file?: string } = {}): ReadStore<DB> {
  if (readStoreUnderTest() === 'sqlite') return openSqliteReadStore<DB>({ file: options.file ?? ':memory:' });
  return openPostgresTestReadStore<DB>(`test_${randomUUID().replaceAll('-', '')}`);
}

/** A PostgreSQL read store in `schema` that drops the schema when closed. */
export function openPostgresTestReadStore<DB>(schema: string, maxConnections = 4): ReadStore<DB> {
  const store = openPostgresReadStore<DB>({ connectionString: postgresTestUrl(), schema, maxConnections });
  let closing: Promise<void> | undefined;
  const dropAndClose = async (): Promise<void> => {
    try {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
    } finally {
      await store.close();
    }
  };
  return { ...store, close: () => (closing ??= dropAndClose()) };
}

/** The read store's own tables, left out when read models are compared. */
export const READ_STORE_BOOKKEEPING: readonly string[] = [
  'projection_checkpoints',
  'read_migrations',
  'read_migrations_lock',
  'read_store_locks',
];

/**
 * Every row of every table of a PostgreSQL schema (bookkeeping left out, or only `tables`), as
 * sorted JSON lines per table: two read stores hold the same read models when these are equal.
 */
export async function postgresRows(
  db: Kysely<unknown>,
  schema: string,
  tables?: readonly string[],
): Promise<Record<string, string[]>> {
  const found = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = ${schema} and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const rows: Record<string, string[]> = {};
  for (const { table_name } of found.rows) {
    if (tables === undefined ? READ_STORE_BOOKKEEPING.includes(table_name) : !tables.includes(table_name))
      continue;
    const read = await sql<Record<string, unknown>>`select * from ${sql.id(schema, table_name)}`.execute(db);
    rows[table_name] = read.rows.map((row) => JSON.stringify(row)).sort();
  }
  return rows;
}
