/**
 * Small projections for the runner's tests and its crash harness (shipped in the build so the
 * child process can load them): a per-stream counter, a per-stream sum of `data.amount`, and a log
 * with one row per event whose primary key turns any double application into a failure.
 */
import type { Kysely } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store';
import type { Projection } from '../../projection.js';
import { anyProjection } from '../../registry.js';

export const AMOUNT_RECORDED = 'TestAmountRecorded';
export const NOTE_ADDED = 'TestNoteAdded';

export interface TestTables {
  test_stream_counts: { stream: string; events: number; last_revision: number };
  test_amount_totals: { stream: string; total: number; events: number };
  test_event_log: { event_id: string; position: string; stream: string; type: string };
}

/** `data.amount` of an event, or a throw: malformed data must stop the projection, not be skipped. */
export function amountOf(event: RecordedEvent): number {
  const { data } = event;
  const amount = typeof data === 'object' && data !== null && 'amount' in data ? data.amount : undefined;
  if (typeof amount !== 'number') throw new Error(`Event ${event.eventId} has no numeric data.amount`);
  return amount;
}

export const streamCounter: Projection<TestTables> = {
  name: 'test-stream-counter',
  version: 1,
  eventTypes: [AMOUNT_RECORDED, NOTE_ADDED],
  migrations: {
    'test-stream-counter-0001': {
      up: async (db: Kysely<unknown>) => {
        await db.schema
          .createTable('test_stream_counts')
          .addColumn('stream', 'varchar(200)', (col) => col.primaryKey())
          .addColumn('events', 'integer', (col) => col.notNull())
          .addColumn('last_revision', 'integer', (col) => col.notNull())
          .execute();
      },
    },
  },
  handle: async (trx, event) => {
    await trx
      .insertInto('test_stream_counts')
      .values({ stream: event.stream, events: 1, last_revision: event.streamRevision })
      .onConflict((conflict) =>
        conflict.column('stream').doUpdateSet((eb) => ({
          events: eb('test_stream_counts.events', '+', 1),
          last_revision: eb.ref('excluded.last_revision'),
        })),
      )
      .execute();
  },
};

export const amountSum: Projection<TestTables> = {
  name: 'test-amount-sum',
  version: 1,
  eventTypes: [AMOUNT_RECORDED],
  migrations: {
    'test-amount-sum-0001': {
      up: async (db: Kysely<unknown>) => {
        await db.schema
          .createTable('test_amount_totals')
          .addColumn('stream', 'varchar(200)', (col) => col.primaryKey())
          .addColumn('total', 'integer', (col) => col.notNull())
          .addColumn('events', 'integer', (col) => col.notNull())
          .execute();
      },
    },
  },
  handle: async (trx, event) => {
    const amount = amountOf(event);
    await trx
      .insertInto('test_amount_totals')
      .values({ stream: event.stream, total: amount, events: 1 })
      .onConflict((conflict) =>
        conflict.column('stream').doUpdateSet((eb) => ({
          total: eb('test_amount_totals.total', '+', amount),
          events: eb('test_amount_totals.events', '+', 1),
        })),
      )
      .execute();
  },
};

export const eventLog: Projection<TestTables> = {
  name: 'test-event-log',
  version: 1,
  eventTypes: [AMOUNT_RECORDED, NOTE_ADDED],
  migrations: {
    'test-event-log-0001': {
      up: async (db: Kysely<unknown>) => {
        await db.schema
          .createTable('test_event_log')
          .addColumn('event_id', 'varchar(64)', (col) => col.primaryKey())
          .addColumn('position', 'text', (col) => col.notNull())
          .addColumn('stream', 'varchar(200)', (col) => col.notNull())
          .addColumn('type', 'varchar(200)', (col) => col.notNull())
          .execute();
      },
    },
  },
  handle: async (trx, event) => {
    const { eventId, globalPosition, stream, type } = event;
    await trx
      .insertInto('test_event_log')
      .values({ event_id: eventId, position: globalPosition, stream, type })
      .execute();
  },
};

/** What the crash harness child loads: the module's `projections` export. */
export const projections = [anyProjection(streamCounter), anyProjection(amountSum), anyProjection(eventLog)];

/** Each table with the column to order it by, for comparing two read stores row by row. */
export const TEST_TABLES = [
  ['test_stream_counts', 'stream'],
  ['test_amount_totals', 'stream'],
  ['test_event_log', 'event_id'],
] as const;
