import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { readAppends } from '../workload/workload-file.js';
import { type Throughput, throughput } from './measure.js';

/** The same table the embedded event store keeps its log in (migrations 1 and 2), and nothing else. */
const EVENTS_TABLE = `
  CREATE TABLE events (
    position INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL,
    revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
    schema_version INTEGER NOT NULL, occurred_at TEXT NOT NULL, recorded_at TEXT NOT NULL, hash TEXT,
    UNIQUE (stream, revision))`;
const INSERT = `INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const ROWS_PER_TRANSACTION = 10_000;
const RECORDED_AT = '2026-01-01T00:00:00.000Z';

type Row = [number, string, string, number, string, string, string, number, string, string, string];

export interface MachineLimits {
  /** Raw inserts of the workload's rows, 10,000 per transaction (WAL, synchronous = FULL). */
  readonly insert: Throughput;
  /**
   * The same, 100 rows per transaction: the durability of a batched append (one fsync per 100
   * events), where each commit writes back the random pages of the `event_id` index it touched.
   */
  readonly insertPer100: Throughput;
  /** One fsync'd transaction per row, for `seconds` at most: what an append without group commit could reach. */
  readonly commitPerRow: Throughput;
  /** Every row read back in order and its two JSON columns parsed. */
  readonly readAndParse: Throughput;
}

function open(file: string): Database.Database {
  rmSync(file, { force: true });
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // The ledger's event store runs with a 64 MiB page cache; the limit gets the same.
  db.pragma('cache_size = -65536');
  db.exec(EVENTS_TABLE);
  return db;
}

/** The workload's events as the rows the store writes; building them is not timed. */
async function* rowBatches(workload: string, size: number): AsyncGenerator<Row[]> {
  let batch: Row[] = [];
  let position = 0;
  for await (const append of readAppends(workload)) {
    for (const write of append.writes) {
      let revision = write.expectedRevision === 'no-stream' ? -1 : write.expectedRevision;
      for (const event of write.events) {
        position += 1;
        revision += 1;
        const data = JSON.stringify(event.data);
        batch.push([
          position,
          event.eventId,
          write.stream,
          revision,
          event.type,
          data,
          JSON.stringify(event.metadata),
          event.schemaVersion,
          event.occurredAt,
          RECORDED_AT,
          createHash('sha256').update(event.eventId).digest('hex'),
        ]);
        if (batch.length === size) {
          yield batch;
          batch = [];
        }
      }
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * What this machine's SQLite can do with the same rows, through raw better-sqlite3 and no ledger
 * code: the ceiling each of the ledger's figures is compared with.
 */
export async function measureMachineLimits(
  workload: string,
  file: string,
  commitSeconds: number,
): Promise<MachineLimits> {
  const insertPer100 = await measureInsert(workload, file, 100);
  const insert = await measureInsert(workload, file, ROWS_PER_TRANSACTION);
  const readAndParse = measureRead(file);
  const commitPerRow = await measureCommitPerRow(workload, `${file}.commits`, commitSeconds);
  return { insert, insertPer100, commitPerRow, readAndParse };
}

async function measureInsert(workload: string, file: string, perTransaction: number): Promise<Throughput> {
  const db = open(file);
  try {
    const statement = db.prepare(INSERT);
    const insertAll = db.transaction((rows: readonly Row[]) => {
      for (const row of rows) statement.run(row);
    });
    let events = 0;
    let ms = 0;
    for await (const rows of rowBatches(workload, perTransaction)) {
      const started = performance.now();
      insertAll(rows);
      ms += performance.now() - started;
      events += rows.length;
    }
    return throughput(events, ms);
  } finally {
    db.close();
  }
}

function measureRead(file: string): Throughput {
  const db = new Database(file, { readonly: true });
  try {
    const started = performance.now();
    let events = 0;
    for (const row of db.prepare('SELECT * FROM events ORDER BY position').iterate() as IterableIterator<{
      data: string;
      metadata: string;
    }>) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
      events += 1;
    }
    return throughput(events, performance.now() - started);
  } finally {
    db.close();
  }
}

async function measureCommitPerRow(workload: string, file: string, seconds: number): Promise<Throughput> {
  const db = open(file);
  try {
    const statement = db.prepare(INSERT);
    const commit = db.transaction((row: Row) => statement.run(row));
    let events = 0;
    let ms = 0;
    for await (const rows of rowBatches(workload, 1_000)) {
      for (const row of rows) {
        const started = performance.now();
        commit(row);
        ms += performance.now() - started;
        events += 1;
      }
      if (ms >= seconds * 1000) break;
    }
    return throughput(events, ms);
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
}
