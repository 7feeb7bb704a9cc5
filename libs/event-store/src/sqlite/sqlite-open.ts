import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './sqlite-migrations.js';
import { unavailable } from './sqlite-errors.js';

/** How long a writer waits for another process holding the write lock before giving up. */
const BUSY_TIMEOUT_MS = 5000;
/**
 * The page cache, in KiB (SQLite's default is 2 MiB). Event ids are random UUIDs, so each append
 * touches a random page of the `event_id` index; past a few hundred thousand events that index no
 * longer fits 2 MiB and every append would read pages back from the file.
 */
const EVENT_STORE_CACHE_KIB = 64 * 1024;

/**
 * Opens (creating if needed) the store's file, ready for appends: WAL so readers never block the
 * writer, `synchronous = FULL` so a committed append survives a power cut, and the schema migrated.
 * Every failure names the file, because the operator's fix (permissions, disk, path) is about it.
 */
export function openDatabase(file: string, now: () => Date): Database.Database {
  let db: Database.Database | undefined;
  try {
    mkdirSync(dirname(file), { recursive: true });
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    configure(db);
    migrate(db, now);
    return db;
  } catch (error) {
    db?.close();
    throw unavailable(file, error);
  }
}

function configure(db: Database.Database): void {
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') throw new Error(`cannot switch to WAL (journal mode stays ${String(mode)})`);
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma(`cache_size = -${EVENT_STORE_CACHE_KIB}`);
}
