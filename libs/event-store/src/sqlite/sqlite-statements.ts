import type Database from 'better-sqlite3';
import type { EventMetadata, RecordedEvent } from '../port.js';
import { toPosition } from './sqlite-positions.js';

/** A row of `events`, as better-sqlite3 returns it. */
export interface EventRow {
  readonly position: number;
  readonly event_id: string;
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly schema_version: number;
  readonly occurred_at: string;
  readonly recorded_at: string;
  readonly hash: string;
}

export interface CommandRow {
  readonly fingerprint: string | null;
  readonly result: string;
}

const EVENT_COLUMNS =
  'position, event_id, stream, revision, type, data, metadata, schema_version, occurred_at, recorded_at, hash';

/** Every statement the store runs, prepared once per connection (preparing is the costly part). */
export function prepareStatements(db: Database.Database) {
  return {
    head: db.prepare<[], { head: number | null }>('SELECT max(position) AS head FROM events'),
    streamRevision: db.prepare<[string], { revision: number; hash: string | null }>(
      'SELECT revision, hash FROM streams WHERE stream = ?',
    ),
    insertEvent: db.prepare<EventRow>(
      `INSERT INTO events (${EVENT_COLUMNS}) VALUES (@position, @event_id, @stream, @revision, @type,
        @data, @metadata, @schema_version, @occurred_at, @recorded_at, @hash)`,
    ),
    upsertStream: db.prepare<[string, number, string]>(
      `INSERT INTO streams (stream, revision, hash) VALUES (?, ?, ?)
       ON CONFLICT (stream) DO UPDATE SET revision = excluded.revision, hash = excluded.hash`,
    ),
    findCommand: db.prepare<[string], CommandRow>(
      'SELECT fingerprint, result FROM commands WHERE command_id = ?',
    ),
    insertCommand: db.prepare<[string, string | null, string, string]>(
      'INSERT INTO commands (command_id, fingerprint, result, recorded_at) VALUES (?, ?, ?, ?)',
    ),
    // LIMIT -1 is SQLite for "no limit".
    readStream: db.prepare<[string, number, number], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`,
    ),
    readAll: db.prepare<[number, number], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
    ),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    ...parsedColumns(row),
    eventId: row.event_id,
    type: row.type,
    stream: row.stream,
    streamRevision: row.revision,
    globalPosition: toPosition(row.position),
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    schemaVersion: row.schema_version,
    hash: row.hash,
  };
}

/** A stored row whose JSON no longer parses: altered outside the ledger, named so it can be found. */
export class UnparseableEventError extends Error {
  constructor(row: EventRow, column: 'data' | 'metadata', cause: unknown) {
    super(
      `The event at position ${row.position} (stream ${row.stream}, revision ${row.revision}) has ${column} that is not JSON: it was altered outside the ledger`,
      { cause },
    );
    this.name = 'UnparseableEventError';
  }
}

function parsedColumns(row: EventRow): { data: unknown; metadata: EventMetadata } {
  const parse = (column: 'data' | 'metadata'): unknown => {
    try {
      return JSON.parse(row[column]) as unknown;
    } catch (error) {
      throw new UnparseableEventError(row, column, error);
    }
  };
  // Written by this store from a typed EventMetadata, so the shape holds.
  return { data: parse('data'), metadata: parse('metadata') as EventMetadata };
}
