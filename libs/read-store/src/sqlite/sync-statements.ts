import type Database from 'better-sqlite3';
import type { Kysely } from 'kysely';

/**
 * Statements run at once, synchronously, on a SQLite store's one connection (the one its Kysely
 * uses), each prepared once. For batches of events applied in one transaction (a rebuild's, the live
 * runner's), where Kysely's per-query building, compiling and awaiting cost more than SQLite itself.
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

/**
 * Runs `work` synchronously on a SQLite store's connection once no Kysely query or transaction is
 * using it, and resolves with what it returns (see `ReadStore.synchronously`).
 */
export type Synchronously = <T>(work: (sql: SyncStatements) => T) => Promise<T>;

export interface SyncStatementsOptions {
  /**
   * 'immediate' takes the write lock at BEGIN (waiting the busy timeout for another process's
   * writer there), so a transaction that reads before it writes never finds its snapshot stale
   * at its first write. 'deferred' (SQLite's default) is enough for a file nobody else writes.
   */
  readonly begin?: 'deferred' | 'immediate';
}

export function syncStatements(
  database: Database.Database,
  options: SyncStatementsOptions = {},
): SyncStatements {
  const prepared = new Map<string, Database.Statement>();
  const statement = (sql: string): Database.Statement => {
    let found = prepared.get(sql);
    if (found === undefined) {
      found = database.prepare(sql);
      prepared.set(sql, found);
    }
    return found;
  };
  const begin = options.begin === 'immediate' ? 'begin immediate' : 'begin';
  return {
    run: (sql, ...parameters) => statement(sql).run(...parameters).changes,
    get: <R>(sql: string, ...parameters: readonly unknown[]) =>
      statement(sql).get(...parameters) as R | undefined,
    all: <R>(sql: string, ...parameters: readonly unknown[]) => statement(sql).all(...parameters) as R[],
    begin: () => database.exec(begin),
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

/**
 * `synchronously` for a store whose Kysely (`db`) runs on `database`. Kysely's SQLite driver lends
 * its one connection to one user at a time (a query, or a transaction from BEGIN to COMMIT, across
 * its awaits): holding it through `db.connection()`, the work never starts inside someone else's
 * transaction, and no Kysely query runs in the middle of the work, which never awaits. Whatever
 * transaction the work leaves open (it threw half-way) is rolled back before the connection is
 * handed back.
 */
export function synchronouslyOn(
  db: Kysely<unknown>,
  database: Database.Database,
  sql: SyncStatements,
): Synchronously {
  // The executor runs at once, on the lent connection; a throw in it rejects.
  return <T>(work: (sql: SyncStatements) => T): Promise<T> =>
    db.connection().execute(() => new Promise<T>((resolve) => resolve(runAlone(database, sql, work))));
}

function runAlone<T>(database: Database.Database, sql: SyncStatements, work: (sql: SyncStatements) => T): T {
  if (database.inTransaction) {
    throw new Error('A transaction Kysely does not know of is open on the read store’s connection');
  }
  try {
    const value = work(sql);
    if (database.inTransaction) throw new Error('Synchronous work left its transaction open');
    return value;
  } finally {
    if (database.inTransaction) database.exec('rollback');
  }
}
