import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import type { Kysely } from 'kysely';
import type { ReadStore } from '@ledger/read-store';
import { openTestReadStore } from '@ledger/testing';
import { envelope } from '@ledger/testing';
import type { Projection } from '../projection.js';
import { anyProjection } from '../registry.js';
import { applyBatch } from './apply-batch.js';
import { type Checkpoint, initialCheckpoint } from './checkpoint.js';
import { CheckpointConflictError, insertCheckpoint, loadCheckpoint } from './checkpoint-repository.js';
import { RUNNER_MIGRATIONS, type RunnerTables } from './checkpoint-table.js';
import { amountSum, AMOUNT_RECORDED, type TestTables } from './testing/test-projections.js';

const clock = (): Date => new Date('2018-04-01T00:00:00.000Z');
const amounts = (...values: number[]) =>
  envelope(values.map((amount) => ({ type: AMOUNT_RECORDED, data: { amount }, stream: 'grant-1' })));

/** The amount sum, refusing negative amounts. */
const strictSum = anyProjection<TestTables>({
  ...amountSum,
  handle: async (trx, event) => {
    const { data } = event as { data: { amount: number } };
    if (data.amount < 0) throw new Error(`negative amount ${data.amount}`);
    await amountSum.handle(trx, event);
  },
} satisfies Projection<TestTables>);

describe('applyBatch', () => {
  let store: ReadStore<TestTables & RunnerTables>;
  let db: Kysely<RunnerTables>;
  let start: Checkpoint;

  beforeEach(async () => {
    store = openTestReadStore<TestTables & RunnerTables>();
    await store.migrate({ ...RUNNER_MIGRATIONS, ...amountSum.migrations });
    db = store.db as unknown as Kysely<RunnerTables>;
    start = { ...initialCheckpoint(strictSum.name, 1), status: 'running' };
    await insertCheckpoint(db, start, clock());
  });
  afterEach(async () => {
    await store.close();
  });

  const totals = () => store.db.selectFrom('test_amount_totals').select(['total', 'events']).execute();

  test('given a batch whose third event fails, when applied, then the first two commit with the checkpoint at the second and the third is named as failing', async () => {
    const batch = amounts(1, 2, -3, 4);

    const after = await applyBatch(db, strictSum, start, batch, clock);

    expect(after).toEqual({
      ...start,
      status: 'failed',
      position: '2',
      eventsApplied: 2,
      error: {
        message: 'negative amount -3',
        eventId: batch[2]?.eventId,
        eventType: AMOUNT_RECORDED,
        position: '3',
      },
    });
    expect(await loadCheckpoint(db, strictSum.name)).toEqual(after);
    expect(await totals()).toEqual([{ total: 3, events: 2 }]);
  });

  test('given a batch whose first event fails, when applied, then no row commits and the checkpoint stays where it was, now failed', async () => {
    const batch = amounts(-1, 2);

    const after = await applyBatch(db, strictSum, start, batch, clock);

    expect(after).toMatchObject({ status: 'failed', position: undefined, eventsApplied: 0 });
    expect(await totals()).toEqual([]);
  });

  test('given a checkpoint moved by someone else, when a batch is applied, then it throws and its rows roll back', async () => {
    const stale = { ...start, position: undefined };
    await applyBatch(db, strictSum, start, amounts(1), clock);

    const applying = applyBatch(db, strictSum, stale, amounts(5), clock);

    await expect(applying).rejects.toBeInstanceOf(CheckpointConflictError);
    expect(await totals()).toEqual([{ total: 1, events: 1 }]);
  });
});
