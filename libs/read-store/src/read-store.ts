import type { Kysely, Migration } from 'kysely';
import type { Synchronously } from './sqlite/sync-statements.js';

/**
 * The read store port: a SQL database holding read models and projection checkpoints, reached
 * through Kysely so that SQLite (default) and PostgreSQL (production) share one code path.
 *
 * @example
 * const readStore = openSqliteReadStore<LedgerReadModels>({ file: './data/read.sqlite' });
 * await readStore.migrate({ '0001-grant-register': grantRegisterMigration });
 * const rows = await readStore.db.selectFrom('grant_register').selectAll().execute();
 */
export interface ReadStore<DB> {
  readonly dialect: 'sqlite' | 'postgres';
  readonly db: Kysely<DB>;
  /** Applies the migrations not yet applied, in name order; recorded in the store itself. */
  migrate(migrations: Readonly<Record<string, Migration>>): Promise<void>;
  /**
   * Clears what deleted and overwritten rows leave behind in the store's files, where the store can:
   * the embedded store (which zeroes deleted content as it goes) checkpoints its WAL and truncates it.
   * True once done; false when another process kept reading the WAL meanwhile (the next wipe, or the
   * last connection closing, finishes it). Absent on PostgreSQL, whose dead rows go with VACUUM.
   */
  wipeResidue?(): Promise<boolean>;
  /**
   * The embedded store only: runs `work` synchronously on the store's one connection, once no Kysely
   * query or transaction is using it (it waits its turn as a query does), and resolves with what it
   * returns. `work` opens and ends its own transaction (`sql.begin()` … `sql.commit()`); one it leaves
   * open is rolled back. Never call it inside a Kysely transaction of the same store: it would wait
   * for that transaction's end forever. The projection runner's fast path (`Projection.sqliteBatch`).
   * Absent on PostgreSQL.
   */
  synchronously?: Synchronously;
  close(): Promise<void>;
}

export const READ_STORE = Symbol('READ_STORE');
