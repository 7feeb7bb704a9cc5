/**
 * Projections for the rebuild's tests and its crash harness (shipped in the build so the child
 * process can load them): per-stream totals plus a one-row-per-event log, whose version changes
 * what they compute, so an old and a new build of the same log are told apart row by row.
 */
import type { Kysely } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store';
import type { Projection } from '../../projection.js';
import { anyProjection } from '../../registry.js';

export const AMOUNT_ADDED = 'RebuildTestAmountAdded';
export const REMARK_MADE = 'RebuildTestRemarkMade';
export const TOTALS_NAME = 'rebuild-test-totals';

export interface RebuildTestTables {
  rebuild_test_totals: { stream: string; total: number; events: number };
  rebuild_test_log: { event_id: string; position: string; stream: string; weighted: number };
}

/** Each table with the column to order it by, for comparing two read stores row by row. */
export const REBUILD_TEST_TABLES = [
  ['rebuild_test_totals', 'stream'],
  ['rebuild_test_log', 'event_id'],
] as const;

function amountOf(event: RecordedEvent): number {
  const { data } = event;
  const amount = typeof data === 'object' && data !== null && 'amount' in data ? data.amount : undefined;
  if (typeof amount !== 'number') throw new Error(`Event ${event.eventId} has no numeric data.amount`);
  return amount;
}

async function createTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rebuild_test_totals')
    .addColumn('stream', 'varchar(200)', (col) => col.primaryKey())
    .addColumn('total', 'integer', (col) => col.notNull())
    .addColumn('events', 'integer', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('rebuild_test_log')
    .addColumn('event_id', 'varchar(64)', (col) => col.primaryKey())
    .addColumn('position', 'text', (col) => col.notNull())
    .addColumn('stream', 'varchar(200)', (col) => col.notNull())
    .addColumn('weighted', 'integer', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('rebuild_test_log_stream_idx')
    .on('rebuild_test_log')
    .column('stream')
    .execute();
}

/**
 * Version `weight` counts each amount `weight` times: version 1 and version 2 of one log differ in
 * every row. `failOn`, when given, is an amount the handler throws on.
 */
export function totalsProjection(weight: number, failOn?: number): Projection<RebuildTestTables> {
  return {
    name: TOTALS_NAME,
    version: weight,
    eventTypes: [AMOUNT_ADDED],
    migrations: { 'rebuild-test-totals-0001': { up: createTables } },
    handle: async (trx, event) => {
      const amount = amountOf(event);
      if (amount === failOn) throw new Error(`${failOn} is refused`);
      const weighted = amount * weight;
      await trx
        .insertInto('rebuild_test_totals')
        .values({ stream: event.stream, total: weighted, events: 1 })
        .onConflict((conflict) =>
          conflict.column('stream').doUpdateSet((eb) => ({
            total: eb('rebuild_test_totals.total', '+', weighted),
            events: eb('rebuild_test_totals.events', '+', 1),
          })),
        )
        .execute();
      const { eventId, globalPosition, stream } = event;
      await trx
        .insertInto('rebuild_test_log')
        .values({ event_id: eventId, position: globalPosition, stream, weighted })
        .execute();
    },
  };
}

/** What the crash harness child rebuilds: version 2. */
export const projections = [anyProjection(totalsProjection(2))];
