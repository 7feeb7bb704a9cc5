import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import Database from 'better-sqlite3';

/** How long the copy waits for another process holding a lock it needs (a WAL recovery). */
const BUSY_TIMEOUT_MS = 5000;
/** The most pages better-sqlite3 lets one step copy: 2^31 - 1 (8 TiB of 4 KiB pages). */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies a live SQLite database into a new file with SQLite's online backup, while other processes
 * (the api) keep writing to it.
 *
 * SQLite's backup copies a number of pages per step and lets go of its read transaction between
 * steps; when another connection writes in between, the next step starts the copy again from page
 * 1. better-sqlite3 copies 100 pages per step by default, so a file the api writes to every few
 * milliseconds would be copied again and again and never finish. Here every step copies every
 * page: better-sqlite3's first step copies nothing (it only counts the pages), the progress callback
 * then asks for all of them, and the second step copies the whole file under one read transaction
 * (a restart before it costs nothing). WAL readers do not block writers, so the api keeps writing
 * meanwhile, and the copy is the database as of one commit. (`VACUUM INTO` would also copy under one
 * read transaction, but rebuilds the file rather than copying its pages: rowids of tables without
 * an INTEGER PRIMARY KEY may change.)
 *
 * The source is opened read-write, like any other of the ledger's connections, but never written.
 * The copy keeps the source's page size and WAL mode.
 *
 * @example
 * await copyDatabase('data/events.sqlite', '/tmp/backup-1/events.sqlite');
 */
export async function copyDatabase(source: string, destination: string): Promise<{ pages: number }> {
  const db = new Database(source, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    const { totalPages } = await db.backup(destination, { progress: () => ALL_PAGES });
    return { pages: totalPages };
  } finally {
    db.close();
  }
}

/**
 * What `PRAGMA integrity_check` finds wrong with a database file: nothing when it is sound. The file
 * is opened read-write, so that closing it removes the -wal and -shm files the check made (a
 * read-only connection leaves them); a database with an empty WAL is not changed by this.
 */
export function integrityProblems(file: string): string[] {
  const db = new Database(file, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const problems = rows.map((row) => row.integrity_check);
    return problems.length === 1 && problems[0] === 'ok' ? [] : problems;
  } catch (error) {
    // A file that is not a database at all fails to be read rather than failing the check. By the
    // message's field, not the class: jest loads better-sqlite3 in another realm than Error's.
    return [messageOf(error)];
  } finally {
    db.close();
  }
}

/** How many events an event log file holds and the global position of its last one (null when none). */
export interface EventLogFigures {
  readonly events: number;
  readonly position: string | null;
}

export function eventLogFigures(file: string): EventLogFigures {
  const db = new Database(file, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    const hasEvents = db
      .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'`)
      .get();
    if (hasEvents === undefined) return { events: 0, position: null };
    const row = db.prepare('SELECT count(*) AS events, max(position) AS position FROM events').get() as {
      events: number;
      position: number | null;
    };
    return { events: row.events, position: row.position === null ? null : String(row.position) };
  } finally {
    db.close();
  }
}

/** The size and SHA-256 of a file, read in chunks. */
export function fileDigest(file: string): { bytes: number; sha256: string } {
  const fd = openSync(file, 'r');
  try {
    const hash = createHash('sha256');
    const chunk = Buffer.allocUnsafe(1024 * 1024);
    let bytes = 0;
    for (let read; (read = readSync(fd, chunk, 0, chunk.length, bytes)) > 0; bytes += read) {
      hash.update(chunk.subarray(0, read));
    }
    if (bytes !== fstatSync(fd).size) throw new Error(`${file} changed while it was read`);
    return { bytes, sha256: hash.digest('hex') };
  } finally {
    closeSync(fd);
  }
}

export function messageOf(error: unknown): string {
  const message =
    typeof error === 'object' && error !== null && 'message' in error ? error.message : undefined;
  return typeof message === 'string' ? message : String(error);
}
