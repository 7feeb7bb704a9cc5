// A ledger file for this lib's specs. Named *.spec.ts so the build leaves it out; jest runs only
// *.unit|int|e2e.spec.ts files, so it holds no tests of its own.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type EventStore, openSqliteEventStore, type StreamWrite } from '@ledger/event-store';
import { ledgerEvents } from '@ledger/testing';
import { Sealer } from '../seal/sealer.js';

/** Commands appended together: the store's group commit takes up to 1000 per transaction. */
const COMMANDS_PER_FLUSH = 1000;

export interface LedgerFile {
  readonly dir: string;
  readonly file: string;
}

export const newLedgerFile = (): LedgerFile => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-audit-'));
  return { dir, file: join(dir, 'events.sqlite') };
};

/**
 * Appends a deterministic ledger of `events` events (`ledgerEvents`, as the load tests use) to the
 * store, sealing after every `sealEvery` events when given, and once more at the end unless
 * `sealAtEnd` is false. Returns the sealer, caught up.
 */
export async function appendLedger(
  store: EventStore,
  options: { events: number; sealEvery?: number; sealAtEnd?: boolean; seed?: number },
): Promise<Sealer> {
  const sealer = new Sealer(store);
  const every = options.sealEvery ?? Number.POSITIVE_INFINITY;
  let batch: StreamWrite[][] = [];
  let unsealed = 0;
  const flush = async () => {
    await Promise.all(batch.map((writes) => store.appendMultiple(writes)));
    batch = [];
  };
  for (const writes of ledgerEvents({ events: options.events, seed: options.seed ?? 2017 })) {
    batch.push(writes);
    unsealed += writes.reduce((n, write) => n + write.events.length, 0);
    if (unsealed >= every) {
      await flush();
      await sealer.seal();
      unsealed = 0;
    } else if (batch.length === COMMANDS_PER_FLUSH) {
      await flush();
    }
  }
  await flush();
  if (options.sealAtEnd !== false) await sealer.seal();
  return sealer;
}

/** Builds a ledger file (see appendLedger) and closes it. */
export async function buildLedgerFile(options: Parameters<typeof appendLedger>[1]): Promise<LedgerFile> {
  const ledger = newLedgerFile();
  const store = openSqliteEventStore({ file: ledger.file });
  await appendLedger(store, options);
  await store.close();
  return ledger;
}

/** Runs SQL on the file behind the store's back, as someone with access to the disk could. */
export function tamper<T>(file: string, change: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return db.transaction(() => change(db))();
  } finally {
    db.close();
  }
}

export interface EventRowRef {
  readonly position: number;
  readonly stream: string;
  readonly revision: number;
  readonly data: string;
}

/** One row of the events table, chosen by SQL (`WHERE ... ORDER BY ... LIMIT 1`). */
export function eventRow(file: string, where: string, ...params: unknown[]): EventRowRef {
  const db = new Database(file, { readonly: true });
  try {
    const row = db
      .prepare(`SELECT position, stream, revision, data FROM events WHERE ${where}`)
      .get(...params) as EventRowRef | undefined;
    if (row === undefined) throw new Error(`No event where ${where}`);
    return row;
  } finally {
    db.close();
  }
}

/** Where seal `n` is: the position it covers and its own event's position. */
export function sealRow(file: string, sealNumber: number): { covers: number; at: number } {
  const row = eventRow(file, `stream = 'seal-ledger' AND revision = ?`, sealNumber - 1);
  return { covers: Number((JSON.parse(row.data) as { position: string }).position), at: row.position };
}
