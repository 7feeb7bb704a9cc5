import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** How long a statement waits for another process (api, CLI) holding the file's lock. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * `person_keys`: one row per person, the key, or once destroyed no key and the time it was (the
 * tombstone); `key IS NULL` exactly when `erased_at` is set. `committed` is 0 while the key waits for
 * its first event (ADR 0020); rows written before claims existed count as committed.
 * `key_claims`: one row per person of an append in flight, with the streams it writes.
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS person_keys (
    person_id TEXT PRIMARY KEY,
    key BLOB,
    created_at TEXT NOT NULL,
    erased_at TEXT,
    committed INTEGER NOT NULL DEFAULT 1,
    CHECK ((key IS NULL) = (erased_at IS NOT NULL))
  );
  CREATE TABLE IF NOT EXISTS key_claims (
    claim_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    streams TEXT NOT NULL,
    claimed_at TEXT NOT NULL,
    PRIMARY KEY (claim_id, person_id)
  );
  CREATE INDEX IF NOT EXISTS key_claims_by_person ON key_claims (person_id);
  CREATE INDEX IF NOT EXISTS key_claims_by_time ON key_claims (claimed_at);`;

/**
 * Opens (creating when new) the key store file: WAL, durable commits, deleted content zeroed. A file
 * from before claims gets its `committed` column, inside a write transaction so that two processes
 * opening it at once do not both add it.
 */
export function openKeyStoreFile(file: string): Database.Database {
  let db: Database.Database | undefined;
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    db.pragma('journal_mode = WAL');
    // A key must survive a power cut once the event encrypted with it is appended (also FULL).
    db.pragma('synchronous = FULL');
    db.pragma('secure_delete = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const opened = db;
    // Checked first, so that opening an up-to-date store writes nothing (a read-only copy opens).
    if (!upToDate(opened)) opened.transaction(() => migrate(opened)).immediate();
    return opened;
  } catch (error) {
    db?.close();
    // The operator's fix (path, permissions, disk) is about the file, so the message names it.
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot open the key store ${file}: ${why}`, { cause: error });
  }
}

function columnsOf(db: Database.Database, table: string): string[] {
  return db
    .prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)')
    .all(table)
    .map((column) => column.name);
}

function upToDate(db: Database.Database): boolean {
  return columnsOf(db, 'person_keys').includes('committed') && columnsOf(db, 'key_claims').length > 0;
}

function migrate(db: Database.Database): void {
  const keyColumns = columnsOf(db, 'person_keys');
  if (keyColumns.length > 0 && !keyColumns.includes('committed')) {
    db.exec('ALTER TABLE person_keys ADD COLUMN committed INTEGER NOT NULL DEFAULT 1');
  }
  db.exec(SCHEMA);
}
