import { Kysely, type Migration } from 'kysely';
import type { ReadStore } from '../read-store.js';
import { migrateReadStore } from '../read-store-migrator.js';
import { openDatabase } from './sqlite-read-store.js';
import { cachingStatements } from './statement-cache.js';
import { type SyncStatements, synchronouslyOn, syncStatements } from './sync-statements.js';
import { TransactionalDdlSqliteDialect } from './transactional-ddl-sqlite-dialect.js';

/** A read store being built apart from the live one (a rebuild's shadow file), with a sync path. */
export interface SqliteBuildStore<DB> extends ReadStore<DB> {
  readonly sync: SyncStatements;
}

/** The page cache of a build connection: the tables being written stay in memory between batches. */
const BUILD_CACHE_KIB = 32 * 1024;

/**
 * Opens a throwaway file being built (a rebuild's shadow) as `openSqliteReadStore` does (WAL, secure
 * delete), plus statements run synchronously on the same connection. It skips fsync
 * (`synchronous = OFF`): a killed process loses no committed transaction and never splits one
 * (WAL), so a build killed at any point still resumes from the checkpoint committed with its rows;
 * only an OS crash or power cut could damage the file, and a shadow is rebuilt from the log anyway.
 * The live read store is only ever written with the usual settings (ADR 0006).
 *
 * @example
 * const shadow = openSqliteBuildStore<Tables>({ file: 'data/read.rebuild-grant-register.sqlite' });
 * shadow.sync.begin(); shadow.sync.run('delete from notes'); shadow.sync.commit();
 */
export function openSqliteBuildStore<DB>(options: { readonly file: string }): SqliteBuildStore<DB> {
  const database = openDatabase(options.file);
  database.pragma('synchronous = OFF');
  database.pragma(`cache_size = -${BUILD_CACHE_KIB}`);
  const db = new Kysely<DB>({
    dialect: new TransactionalDdlSqliteDialect({ database: cachingStatements(database) }),
  });
  const sync = syncStatements(database);
  let closing: Promise<void> | undefined;
  return {
    dialect: 'sqlite',
    db,
    sync,
    synchronously: synchronouslyOn(db as Kysely<unknown>, database, sync),
    migrate: (migrations: Readonly<Record<string, Migration>>) =>
      migrateReadStore(db as Kysely<unknown>, migrations),
    close: () => (closing ??= db.destroy()),
  };
}
