import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import {
  type CompiledQuery,
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';

/** A transaction whose statements run synchronously, from its start to its commit. */
export interface SyncTransaction<DB> {
  /** Builds and compiles queries (`.compile()`); it never executes anything itself. */
  readonly db: Kysely<DB>;
  /** Runs a compiled query and returns its rows. */
  all<R>(query: CompiledQuery<R>): R[];
  /** Runs a compiled statement and returns how many rows it changed. */
  run(query: CompiledQuery): number;
  /** The same transaction typed for other tables (Kysely's schema types do not narrow by themselves). */
  view<Other>(): SyncTransaction<Other>;
}

export interface ExclusiveWriteOptions {
  /** Another database file to attach under `as` for the length of the transaction. */
  readonly attach?: { readonly file: string; readonly as: string };
}

/** A connection that writes to a read store without ever waiting synchronously for its lock. */
export interface SqliteExclusiveWriter<DB> {
  /**
   * Runs `work` inside BEGIN IMMEDIATE, synchronously, and commits; rolls back if it throws. When
   * another connection holds the write lock, it retries later instead of waiting.
   */
  write<T>(work: (trx: SyncTransaction<DB>) => T, options?: ExclusiveWriteOptions): Promise<T>;
  close(): void;
}

/** How long a write keeps trying to take the lock before it gives up. */
const LOCK_TIMEOUT_MS = 30_000;
const RETRY_MIN_MS = 2;
const RETRY_MAX_MS = 20;
const ALIAS = /^[a-z][a-z0-9_]{0,30}$/;

/**
 * Short exclusive writes to a read store from a process that may also run a projection runner on
 * it (the api). better-sqlite3 waits for a busy lock by blocking the thread: a second connection
 * doing so while the runner's transaction is half done (between two awaits) would block the runner
 * too, until the busy timeout fails one of them. This connection never waits (busy_timeout 0): it
 * retries after a few milliseconds, and once it holds the lock it does everything at once.
 *
 * @example
 * const writer = openSqliteExclusiveWriter<Tables>('data/read.sqlite');
 * const changed = await writer.write((trx) => trx.run(trx.db.deleteFrom('notes').compile()));
 * writer.close();
 */
export function openSqliteExclusiveWriter<DB>(
  file: string,
  lockTimeoutMs = LOCK_TIMEOUT_MS,
): SqliteExclusiveWriter<DB> {
  const database = new Database(file, { fileMustExist: true, timeout: 0 });
  database.pragma('busy_timeout = 0');
  // Rows a switch deletes are zeroed, as on every connection to a read store (see openSqliteReadStore).
  database.pragma('secure_delete = ON');
  const trx = syncTransaction<DB>(database);
  return {
    write: async (work, options = {}) => {
      const deadline = Date.now() + lockTimeoutMs;
      for (;;) {
        const outcome = attempt(database, () => work(trx), options);
        if (outcome.done) return outcome.value;
        if (Date.now() > deadline) {
          throw new Error(`The read store ${file} stayed locked by another writer for ${lockTimeoutMs} ms`);
        }
        await sleep(RETRY_MIN_MS + Math.random() * (RETRY_MAX_MS - RETRY_MIN_MS));
      }
    },
    close: () => database.close(),
  };
}

type Attempt<T> = { done: true; value: T } | { done: false };

function attempt<T>(database: Database.Database, work: () => T, options: ExclusiveWriteOptions): Attempt<T> {
  const { attach } = options;
  if (attach !== undefined) {
    if (!ALIAS.test(attach.as)) throw new Error(`Not a schema alias: "${attach.as}"`);
    database.prepare(`attach database ? as ${attach.as}`).run(attach.file);
  }
  try {
    try {
      database.exec('begin immediate');
    } catch (error) {
      if (isBusy(error)) return { done: false };
      throw error;
    }
    try {
      const value = work();
      database.exec('commit');
      return { done: true, value };
    } catch (error) {
      // Some errors (a full disk) end the transaction by themselves.
      if (database.inTransaction) database.exec('rollback');
      throw error;
    }
  } finally {
    if (attach !== undefined) database.exec(`detach database ${attach.as}`);
  }
}

function isBusy(error: unknown): boolean {
  // By its code, not its class: a process that loads better-sqlite3 in more than one realm (jest
  // does) gets errors of another realm's SqliteError and Error.
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * Runs `work` in a read transaction of its own connection, with another file attached: reads both
 * at one instant and never takes the write lock (a dry run writes nothing, not even a lock).
 *
 * @example
 * const rows = readWithAttached('data/read.sqlite', { file: shadow, as: 'rebuild' }, (trx) => trx.all(query));
 */
export function readWithAttached<T>(
  file: string,
  attach: { readonly file: string; readonly as: string },
  work: (trx: SyncTransaction<unknown>) => T,
): T {
  if (!ALIAS.test(attach.as)) throw new Error(`Not a schema alias: "${attach.as}"`);
  const database = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    database.prepare(`attach database ? as ${attach.as}`).run(attach.file);
    return database.transaction(() => work(syncTransaction<unknown>(database)))();
  } finally {
    database.close();
  }
}

function syncTransaction<DB>(database: Database.Database): SyncTransaction<DB> {
  return {
    db: compileOnly<DB>(),
    all: <R>(query: CompiledQuery<R>) => database.prepare(query.sql).all(...query.parameters) as R[],
    run: (query) => database.prepare(query.sql).run(...query.parameters).changes,
    view: <Other>() => syncTransaction<Other>(database),
  };
}

/** Kysely as a query compiler only: the statements run on the raw connection, synchronously. */
function compileOnly<DB>(): Kysely<DB> {
  return new Kysely<DB>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
}
