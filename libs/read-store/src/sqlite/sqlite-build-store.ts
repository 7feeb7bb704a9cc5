import type Database from 'better-sqlite3';
import { Kysely, type Migration } from 'kysely';
import type { ReadStore } from '../read-store.js';
import { migrateReadStore } from '../read-store-migrator.js';
import { openDatabase } from './sqlite-read-store.js';
import { cachingStatements } from './statement-cache.js';
import { TransactionalDdlSqliteDialect } from './transactional-ddl-sqlite-dialect.js';

/**
 * Statements run at once, synchronously, on a build store's one connection (the one its Kysely
 * uses), each prepared once. For rebuilds, where a batch of thousands of events is applied in one
 * transaction and Kysely's per-query building, compiling and awaiting cost more than SQLite itself.
 */
export interface SyncStatements {
  /** Runs a statement; returns how many rows it changed. */
  run(sql: string, ...parameters: readonly unknown[]): number;
  /** The first row of a query, or undefined. */
  get<R>(sql: string, ...parameters: readonly unknown[]): R | undefined;
  all<R>(sql: string, ...parameters: readonly unknown[]): R[];
  /** BEGIN / COMMIT / ROLLBACK, and whether a transaction is open. */
  begin(): void;
  commit(): void;
  rollback(): void;
  readonly inTransaction: boolean;
}

/** A read store being built apart from the live one (a rebuild's shadow file), with a sync path. */
export interface SqliteBuildStore<DB> extends ReadStore<DB> {
  readonly sync: SyncStatements;
}

/** The page cache of a build connection: the tables being written stay in memory between batches. */
const BUILD_CACHE_KIB = 16 * 1024;

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
  let closing: Promise<void> | undefined;
  return {
    dialect: 'sqlite',
    db,
    sync: syncStatements(database),
    migrate: (migrations: Readonly<Record<string, Migration>>) =>
      migrateReadStore(db as Kysely<unknown>, migrations),
    close: () => (closing ??= db.destroy()),
  };
}

function syncStatements(database: Database.Database): SyncStatements {
  const prepared = new Map<string, Database.Statement>();
  const statement = (sql: string): Database.Statement => {
    let found = prepared.get(sql);
    if (found === undefined) {
      found = database.prepare(sql);
      prepared.set(sql, found);
    }
    return found;
  };
  return {
    run: (sql, ...parameters) => statement(sql).run(...parameters).changes,
    get: <R>(sql: string, ...parameters: readonly unknown[]) =>
      statement(sql).get(...parameters) as R | undefined,
    all: <R>(sql: string, ...parameters: readonly unknown[]) => statement(sql).all(...parameters) as R[],
    begin: () => database.exec('begin'),
    commit: () => database.exec('commit'),
    rollback: () => {
      // Some errors (a full disk) end the transaction by themselves.
      if (database.inTransaction) database.exec('rollback');
    },
    get inTransaction() {
      return database.inTransaction;
    },
  };
}
