import type { Kysely, Migration } from 'kysely';

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
  close(): Promise<void>;
}

export const READ_STORE = Symbol('READ_STORE');
