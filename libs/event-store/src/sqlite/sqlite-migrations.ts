import type Database from 'better-sqlite3';
import { eventHash } from '../hashing/event-hash.js';
import type { EventMetadata } from '../port.js';
import type { EventRow } from './sqlite-statements.js';

interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** A step SQL alone cannot do, run after `sql` in the same transaction. */
  readonly run?: (db: Database.Database) => void;
}

/**
 * The schema, as an append-only list: a released migration is never edited, a change is a new entry.
 * `PRAGMA user_version` says how far a file has come; `schema_migrations` keeps when each step ran.
 */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events-streams-commands',
    sql: `
      CREATE TABLE events (
        position       INTEGER PRIMARY KEY,
        event_id       TEXT    NOT NULL UNIQUE,
        stream         TEXT    NOT NULL,
        revision       INTEGER NOT NULL,
        type           TEXT    NOT NULL,
        data           TEXT    NOT NULL,
        metadata       TEXT    NOT NULL,
        schema_version INTEGER NOT NULL,
        occurred_at    TEXT    NOT NULL,
        recorded_at    TEXT    NOT NULL,
        UNIQUE (stream, revision)
      );
      -- One row per stream so an expected-revision check is a primary-key lookup.
      CREATE TABLE streams (
        stream   TEXT    PRIMARY KEY,
        revision INTEGER NOT NULL
      ) WITHOUT ROWID;
      -- Idempotency: the first result of each command id, written in the same transaction as its events.
      CREATE TABLE commands (
        command_id  TEXT PRIMARY KEY,
        fingerprint TEXT,
        result      TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'event-hash-chain',
    sql: `
      ALTER TABLE events ADD COLUMN hash TEXT;
      -- The hash of each stream's last event, which its next event chains to.
      ALTER TABLE streams ADD COLUMN hash TEXT;
    `,
    run: chainExistingEvents,
  },
];

const LATEST = MIGRATIONS.length;

/**
 * Brings the file's schema up to date. Each step runs in an IMMEDIATE transaction and re-reads the
 * version inside it, so two processes opening a new file at once do not both apply it.
 */
export function migrate(db: Database.Database, now: () => Date): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const version = userVersion(db);
  if (version > LATEST) {
    throw new Error(`schema version ${version} is newer than this build knows (${LATEST})`);
  }
  for (const migration of MIGRATIONS) {
    db.transaction(() => applyIfMissing(db, migration, now)).immediate();
  }
}

function applyIfMissing(db: Database.Database, migration: Migration, now: () => Date): void {
  if (userVersion(db) >= migration.version) return;
  db.exec(migration.sql);
  migration.run?.(db);
  db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
    migration.version,
    migration.name,
    now().toISOString(),
  );
  // PRAGMA takes no bound parameters; the version is an integer from the list above.
  db.pragma(`user_version = ${migration.version}`);
}

function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** A row as version 1 stored it: everything the hash covers, nothing it does not. */
type UnchainedRow = Omit<EventRow, 'recorded_at' | 'hash'>;

/** Chains the events a file held before hashes existed, stream by stream, in revision order. */
function chainExistingEvents(db: Database.Database): void {
  const update = db.prepare<[string, number]>('UPDATE events SET hash = ? WHERE position = ?');
  const heads = new Map<string, string>();
  // Read in full first: better-sqlite3 refuses an UPDATE while an iterator holds the connection.
  const rows = db
    .prepare<[], UnchainedRow>(
      `SELECT position, event_id, stream, revision, type, data, metadata, schema_version, occurred_at
       FROM events ORDER BY stream, revision`,
    )
    .all();
  for (const row of rows) {
    const hash = eventHash(
      {
        stream: row.stream,
        streamRevision: row.revision,
        eventId: row.event_id,
        type: row.type,
        schemaVersion: row.schema_version,
        occurredAt: row.occurred_at,
        data: JSON.parse(row.data) as unknown,
        metadata: JSON.parse(row.metadata) as EventMetadata,
      },
      heads.get(row.stream) ?? null,
    );
    heads.set(row.stream, hash);
    update.run(hash, row.position);
  }
  const setHead = db.prepare<[string, string]>('UPDATE streams SET hash = ? WHERE stream = ?');
  for (const [stream, hash] of heads) setHead.run(hash, stream);
}
