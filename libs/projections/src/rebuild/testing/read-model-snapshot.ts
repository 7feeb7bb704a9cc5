import type { Kysely } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store';
import type { RunnerTables } from '../../runner/checkpoint-table.js';
import { AMOUNT_ADDED, type RebuildTestTables, TOTALS_NAME } from './rebuild-test-projections.js';

export type SnapshotTables = RebuildTestTables & RunnerTables;

/** What a reader sees of the test read model at one instant: every figure a half switch would break. */
export interface ModelSnapshot {
  readonly version: number | undefined;
  readonly position: string | null | undefined;
  readonly streams: number;
  readonly total: number;
  readonly logRows: number;
  readonly logWeighted: number;
}

/** Reads the figures in one read transaction, as a query of the api would see them. */
export function readSnapshot(db: Kysely<SnapshotTables>): Promise<ModelSnapshot> {
  return db.transaction().execute(async (trx) => {
    const totals = await trx
      .selectFrom('rebuild_test_totals')
      .select((eb) => [eb.fn.countAll<number>().as('rows'), eb.fn.sum<number>('total').as('sum')])
      .executeTakeFirstOrThrow();
    const log = await trx
      .selectFrom('rebuild_test_log')
      .select((eb) => [eb.fn.countAll<number>().as('rows'), eb.fn.sum<number>('weighted').as('sum')])
      .executeTakeFirstOrThrow();
    const checkpoint = await trx
      .selectFrom('projection_checkpoints')
      .select(['version', 'position'])
      .where('name', '=', TOTALS_NAME)
      .executeTakeFirst();
    return {
      version: checkpoint?.version,
      position: checkpoint?.position,
      streams: Number(totals.rows),
      total: Number(totals.sum ?? 0),
      logRows: Number(log.rows),
      logWeighted: Number(log.sum ?? 0),
    };
  });
}

/**
 * The rows the totals projection of version `weight` must hold after `events`, computed without
 * the projection: the oracle a rebuild is checked against.
 */
export function expectedRows(events: readonly RecordedEvent[], weight: number) {
  const totals = new Map<string, { stream: string; total: number; events: number }>();
  const log: { event_id: string; position: string; stream: string; weighted: number }[] = [];
  for (const event of events) {
    if (event.type !== AMOUNT_ADDED) continue;
    const weighted = (event.data as { amount: number }).amount * weight;
    const row = totals.get(event.stream) ?? { stream: event.stream, total: 0, events: 0 };
    totals.set(event.stream, { ...row, total: row.total + weighted, events: row.events + 1 });
    log.push({ event_id: event.eventId, position: event.globalPosition, stream: event.stream, weighted });
  }
  const byKey =
    <T>(key: (row: T) => string) =>
    (a: T, b: T) =>
      key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  return {
    totals: [...totals.values()].sort(byKey((row) => row.stream)),
    log: log.sort(byKey((row) => row.event_id)),
  };
}

/** The tables as stored, in the oracle's order. */
export async function storedRows(db: Kysely<SnapshotTables>) {
  return {
    totals: await db.selectFrom('rebuild_test_totals').selectAll().orderBy('stream').execute(),
    log: await db.selectFrom('rebuild_test_log').selectAll().orderBy('event_id').execute(),
  };
}
