import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import Database from 'better-sqlite3';
import type { Kysely } from 'kysely';
import {
  type EventStore,
  type NewEvent,
  openSqliteEventStore,
  type Position,
  type RecordedEvent,
  type SqliteEventStore,
  type StreamWrite,
} from '@ledger/event-store';
import { openSqliteReadStore, type ReadStore, type Synchronously } from '@ledger/read-store';
import { envelope } from '@ledger/testing';
import { ledgerEvents } from '@ledger/workload';
import { ALL_PROJECTIONS } from '../../all-projections.js';
import type { Projection } from '../../projection.js';
import { anyProjection } from '../../registry.js';
import { applyBatchOn } from '../apply-sync-batch.js';
import { type Checkpoint, initialCheckpoint } from '../checkpoint.js';
import { CheckpointConflictError, insertCheckpoint, loadCheckpoint } from '../checkpoint-repository.js';
import { RUNNER_MIGRATIONS, type RunnerTables } from '../checkpoint-table.js';
import { ProjectionRunner } from '../projection-runner.js';
import { compareTable } from '../testing/crash-readers.js';
import { LEDGER_TABLES } from '../testing/ledger-projections.js';
import { amountRecorded } from '../testing/test-events.js';
import { amountOf, amountSum, AMOUNT_RECORDED, type TestTables } from '../testing/test-projections.js';

// The live runner on the embedded store applies a projection's batches through its synchronous
// `sqliteBatch` (as rebuilds do): the outcome must be the Kysely path's, row for row and checkpoint
// for checkpoint, failures included, and it must never begin inside a Kysely transaction.

const clock = (): Date => new Date('2018-04-01T00:00:00.000Z');
const quietLogger = { log: (): void => undefined, error: (): void => undefined };
const WAIT_MS = 5000;

const ADD = `insert into test_amount_totals (stream, total, events) values (?, ?, 1)
  on conflict (stream) do update set total = total + excluded.total, events = events + 1`;

/** The amount sum, refusing negative amounts, with a synchronous path beside its handler. */
const strictSum = anyProjection<TestTables>({
  ...amountSum,
  handle: async (trx, event) => {
    if (amountOf(event) < 0) throw new Error(`negative amount ${amountOf(event)}`);
    await amountSum.handle(trx, event);
  },
  sqliteBatch: (sql) => ({
    apply: (event) => {
      const amount = amountOf(event);
      if (amount < 0) throw new Error(`negative amount ${amount}`);
      sql.run(ADD, event.stream, amount);
    },
    flush: () => undefined,
  }),
} satisfies Projection<TestTables>);

/** The store with its synchronous path counted, or taken away (the Kysely path). */
function counting(store: ReadStore<unknown>): { store: ReadStore<unknown>; calls: () => number } {
  let calls = 0;
  const synchronously = store.synchronously as Synchronously;
  const counted: Synchronously = (work) => {
    calls += 1;
    return synchronously(work);
  };
  return { store: { ...store, synchronously: counted }, calls: () => calls };
}

describe('applyBatchOn the embedded store', () => {
  let store: ReadStore<TestTables & RunnerTables>;
  let db: Kysely<RunnerTables>;
  let start: Checkpoint;
  const amounts = (...values: number[]) =>
    envelope(values.map((amount) => ({ type: AMOUNT_RECORDED, data: { amount }, stream: 'grant-1' })));
  const totals = () => store.db.selectFrom('test_amount_totals').select(['total', 'events']).execute();
  const target = () => ({ db, synchronously: store.synchronously });

  beforeEach(async () => {
    store = openSqliteReadStore<TestTables & RunnerTables>({ file: ':memory:' });
    await store.migrate({ ...RUNNER_MIGRATIONS, ...amountSum.migrations });
    db = store.db as unknown as Kysely<RunnerTables>;
    start = { ...initialCheckpoint(strictSum.name, 1), status: 'running' };
    await insertCheckpoint(db, start, clock());
  });
  afterEach(async () => {
    await store.close();
  });

  test('given a batch whose third event fails, when applied, then the first two commit with the checkpoint at the second and the third is named as failing', async () => {
    const batch = amounts(1, 2, -3, 4);

    const after = await applyBatchOn(target(), strictSum, start, batch, clock);

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
    const before = await applyBatchOn(target(), strictSum, start, amounts(1, 2), clock);
    const batch = amounts(-1, 2);

    const after = await applyBatchOn(target(), strictSum, before, batch, clock);

    expect(after).toEqual({
      ...before,
      status: 'failed',
      error: {
        message: 'negative amount -1',
        eventId: batch[0]?.eventId,
        eventType: AMOUNT_RECORDED,
        position: '1',
      },
    });
    expect(await loadCheckpoint(db, strictSum.name)).toEqual(after);
    expect(await totals()).toEqual([{ total: 3, events: 2 }]);
  });

  test('given a checkpoint moved by someone else, when a batch is applied, then it throws and its rows roll back', async () => {
    const stale = { ...start, position: undefined };
    await applyBatchOn(target(), strictSum, start, amounts(1), clock);

    const applying = applyBatchOn(target(), strictSum, stale, amounts(5), clock);

    await expect(applying).rejects.toBeInstanceOf(CheckpointConflictError);
    expect(await totals()).toEqual([{ total: 1, events: 1 }]);
  });
});

describe('ProjectionRunner on the embedded store, through the synchronous path', () => {
  let dir: string;
  let events: SqliteEventStore;
  let read: ReadStore<TestTables & RunnerTables>;
  let runner: ProjectionRunner<unknown> | undefined;
  /** A runner of `strictSum` on `store`, stopped after the test. */
  const start = async (store: ReadStore<unknown>): Promise<ProjectionRunner<unknown>> => {
    const created = new ProjectionRunner(events, store, [strictSum], { logger: quietLogger });
    runner = created;
    await created.start();
    return created;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-runner-fast-'));
    events = openSqliteEventStore({ file: join(dir, 'events.sqlite') });
    read = openSqliteReadStore({ file: join(dir, 'read.sqlite') });
  });
  afterEach(async () => {
    await runner?.stop();
    await read.close();
    await events.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('given a Kysely transaction held open on the read store, when batches arrive, then they wait for it and then apply', async () => {
    const { store, calls } = counting(read as ReadStore<unknown>);
    const projector = await start(store);
    const stream = `s-${randomUUID()}`;
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const holding = read.db.transaction().execute(async (trx) => {
      await trx.selectFrom('test_amount_totals').selectAll().execute();
      await released;
      return trx.selectFrom('test_amount_totals').selectAll().execute();
    });

    const head = (await events.appendToStream(stream, 'any', [1, 2, 3].map(amountRecorded))).position;
    expect(await projector.waitFor(head, undefined, 300)).toBe(false);
    release();

    expect(await holding).toEqual([]);
    expect(await projector.waitFor(head, undefined, WAIT_MS)).toBe(true);
    expect(await read.db.selectFrom('test_amount_totals').selectAll().execute()).toEqual([
      { stream, total: 6, events: 3 },
    ]);
    expect((await projector.status())[0]).toMatchObject({ status: 'running', eventsApplied: 3 });
    expect(calls()).toBeGreaterThan(0);
  });

  test('given a running projection whose checkpoint was moved under it, when the next batch finds it moved, then the runner goes on from there', async () => {
    const projector = await start(read as ReadStore<unknown>);
    const stream = `s-${randomUUID()}`;
    const two = (await events.appendToStream(stream, 'any', [1, 2].map(amountRecorded))).position;
    expect(await projector.waitFor(two, undefined, WAIT_MS)).toBe(true);
    // As a rebuild's switch: other rows and the checkpoint with them.
    await read.db.transaction().execute(async (trx) => {
      await trx.updateTable('test_amount_totals').set({ total: 100 }).execute();
      const checkpoints = trx as unknown as Kysely<RunnerTables>;
      await checkpoints
        .updateTable('projection_checkpoints')
        .set({ position: '1', events_applied: 1 })
        .execute();
    });

    const three = (await events.appendToStream(stream, 'any', [amountRecorded(3)])).position;

    expect(await projector.waitFor(three, undefined, WAIT_MS)).toBe(true);
    expect(await read.db.selectFrom('test_amount_totals').selectAll().execute()).toEqual([
      { stream, total: 100 + 2 + 3, events: 4 },
    ]);
    expect((await projector.status())[0]).toMatchObject({
      status: 'running',
      position: three,
      eventsApplied: 3,
    });
  });
});

const EVENTS = 20_000;
/** Failing projections stop at the failing event; the others go on to the head. */
const REFUSING = ['grant-register', 'innovator-summary', 'programme-impact'];

describe('the live runner on a generated ledger, synchronous path against Kysely path', () => {
  let dir: string;
  let events: EventStore;
  let bad: RecordedEvent;

  /** An event like `like` (same envelope), of another type. */
  const eventLike = (like: NewEvent, type: string, data: unknown): NewEvent => ({
    type,
    data,
    schemaVersion: 1,
    occurredAt: like.occurredAt,
    metadata: like.metadata,
  });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-runner-fast-ledger-'));
    events = openSqliteEventStore({ file: join(dir, 'events.sqlite') });
    const appends = ledgerEvents({ events: EVENTS, seed: 11 });
    const like = (appends[0] as readonly StreamWrite[])[0]?.events[0] as NewEvent;
    const half = Math.floor(appends.length / 2);
    for (const writes of appends.slice(0, half)) await events.appendMultiple(writes);
    // A payment on a grant nobody awarded: three projections refuse it, in the middle of a batch.
    const prior = await events.headPosition();
    await events.appendToStream('grant-nowhere', 'any', [
      eventLike(like, 'GrantPaymentMade', {
        grantId: 'nowhere',
        programmeId: 'p',
        amount: 100,
        paidOn: '2024-01-01',
      }),
    ]);
    bad = (await events.readAll({ after: prior, maxCount: 1 }))[0] as RecordedEvent;
    for (const writes of appends.slice(half)) await events.appendMultiple(writes);
    // A person forgotten: the audit trail scrubs, and the runner wipes the residue after.
    const partner = appends
      .flat()
      .flatMap((write) => write.events)
      .find((event) => event.type === 'PartnerRegistered' && JSON.stringify(event.data).includes('contact-'));
    const personId = `contact-${(partner?.data as { partnerId: string }).partnerId}`;
    await events.appendToStream(`person-${personId}`, 'any', [
      eventLike(like, 'PersonalDataErased', { personId, erasedAt: '2024-01-01T00:00:00.000Z' }),
    ]);
  }, 300_000);
  afterAll(async () => {
    await events.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs all five projections from 0 to the head (or their failure) with a runner, then stops it. */
  async function project(file: string, path: 'sync' | 'kysely'): Promise<number> {
    const opened = openSqliteReadStore<unknown>({ file });
    const { store, calls } =
      path === 'sync' ? counting(opened) : { store: { ...opened, synchronously: undefined }, calls: () => 0 };
    const projector = new ProjectionRunner(events, store, ALL_PROJECTIONS, {
      logger: quietLogger,
      batchSize: 333,
    });
    try {
      await projector.start();
      const head = (await events.headPosition()) as Position;
      const others = ALL_PROJECTIONS.map(({ name }) => name).filter((name) => !REFUSING.includes(name));
      expect(await projector.waitFor(head, others, 240_000)).toBe(true);
      await waitUntil(async () =>
        (await projector.status()).every((s) => s.status !== 'running' || !REFUSING.includes(s.name)),
      );
    } finally {
      await projector.stop();
      await opened.close();
    }
    return calls();
  }

  test('given a ledger with an event three projections refuse, when projected live on SQLite, then every table and checkpoint equals the Kysely path’s, the refusing ones failed at that event', async () => {
    const [fastFile, kyselyFile] = [join(dir, 'fast.sqlite'), join(dir, 'kysely.sqlite')];

    const fastBatches = await project(fastFile, 'sync');
    await project(kyselyFile, 'kysely');

    expect(fastBatches).toBeGreaterThan(0);
    for (const table of LEDGER_TABLES) {
      const { rows, differences } = compareTable(fastFile, kyselyFile, table);
      expect({ table: table[0], rows: rows[0], differences }).toEqual({
        table: table[0],
        rows: rows[1],
        differences: [],
      });
    }
    const fast = checkpoints(fastFile);
    expect(fast).toEqual(checkpoints(kyselyFile));
    const before = String(Number(bad.globalPosition) - 1);
    const head = await events.headPosition();
    for (const checkpoint of fast) {
      if (REFUSING.includes(checkpoint['name'] as string)) {
        expect(checkpoint).toMatchObject({
          status: 'failed',
          position: before,
          error_event_id: bad.eventId,
          error_position: bad.globalPosition,
        });
      } else {
        expect(checkpoint).toMatchObject({ status: 'stopped', position: head, error_event_id: null });
      }
    }
  }, 600_000);
});

function checkpoints(file: string): Record<string, unknown>[] {
  const db = new Database(file, { readonly: true });
  try {
    const sql = `select name, version, position, status, error_message, error_event_id, error_position,
      events_applied from projection_checkpoints order by name`;
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

async function waitUntil(done: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
