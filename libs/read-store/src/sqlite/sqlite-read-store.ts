import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, type Migration, sql } from 'kysely';
import type { ReadStore } from '../read-store.js';
import { migrateReadStore } from '../read-store-migrator.js';
import { cachingStatements } from './statement-cache.js';
import { synchronouslyOn, syncStatements } from './sync-statements.js';
import { TransactionalDdlSqliteDialect } from './transactional-ddl-sqlite-dialect.js';

export interface SqliteReadStoreOptions {
  /** The database file; its parent folders are created. `:memory:` for a throwaway store. */
  readonly file: string;
}

/** How long a statement waits for another process (an API reading, a rebuild) holding the lock. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * The embedded read store: one SQLite file reached through Kysely.
 *
 * @example
 * const readStore = openSqliteReadStore<LedgerReadModels>({ file: 'data/read.sqlite' });
 * await readStore.migrate({ 'grant-register-0001': grantRegisterMigration });
 */
export function openSqliteReadStore<DB>(options: SqliteReadStoreOptions): ReadStore<DB> {
  const database = openDatabase(options.file);
  const db = new Kysely<DB>({
    dialect: new TransactionalDdlSqliteDialect({ database: cachingStatements(database) }),
  });
  let closing: Promise<void> | undefined;
  return {
    dialect: 'sqlite',
    db,
    // Others may write this file (a rebuild switching tables in): a batch takes the lock up front.
    synchronously: synchronouslyOn(
      db as Kysely<unknown>,
      database,
      syncStatements(database, { begin: 'immediate' }),
    ),
    migrate: (migrations: Readonly<Record<string, Migration>>) =>
      migrateReadStore(db as Kysely<unknown>, migrations),
    wipeResidue: () => wipeWal(db),
    // Kysely's destroy waits for the query in flight, then closes the file; a second call is a no-op.
    close: () => (closing ??= db.destroy()),
  };
}

export function openDatabase(file: string): Database.Database {
  let database: Database.Database | undefined;
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    database = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    database.pragma('journal_mode = WAL');
    // NORMAL may lose the last commits on a power cut, but never splits one: each read-model write
    // commits with its checkpoint, so a lost commit is replayed from the event log, never half-applied.
    database.pragma('synchronous = NORMAL');
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Deleted and overwritten content is zeroed, so a scrubbed row (a forgotten person) leaves no copy.
    database.pragma('secure_delete = ON');
    return database;
  } catch (error) {
    database?.close();
    // The operator's fix (path, permissions, disk) is about the file, so the message names it.
    throw new Error(`Cannot open the read store ${file}: ${messageOf(error)}`, { cause: error });
  }
}

/**
 * Copies the WAL into the main file and truncates it to nothing (through Kysely, so it waits for a
 * query in flight on this connection); the busy timeout waits for other processes' readers.
 */
async function wipeWal<DB>(db: Kysely<DB>): Promise<boolean> {
  const { rows } = await sql<{ busy: number }>`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  return rows[0]?.busy === 0;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
