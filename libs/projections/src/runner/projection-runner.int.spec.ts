import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import {
  type NewEvent,
  openSqliteEventStore,
  type Position,
  type SqliteEventStore,
} from '@ledger/event-store';
import type { ReadStore } from '@ledger/read-store';
import { openTestReadStore } from '@ledger/testing';
import type { Projection } from '../projection.js';
import { type AnyProjection, anyProjection, createProjectionRegistry } from '../registry.js';
import { ProjectionRunner } from './projection-runner.js';
import type { ProjectionRunnerOptions } from './runner-options.js';
import { amountRecorded, noteAdded } from './testing/test-events.js';
import {
  AMOUNT_RECORDED,
  amountOf,
  amountSum,
  streamCounter,
  type TestTables,
} from './testing/test-projections.js';

const WAIT_MS = 5000;
const quietLogger = { log: (): void => undefined, error: (): void => undefined };

/** The amount sum, with a bug that can be fixed: while `broken`, an amount of 13 throws. */
function breakableSum(): { projection: Projection<TestTables>; fix: () => void } {
  let broken = true;
  const projection: Projection<TestTables> = {
    ...amountSum,
    handle: async (trx, event) => {
      if (broken && amountOf(event) === 13) throw new Error('13 is unlucky');
      await amountSum.handle(trx, event);
    },
  };
  return { projection, fix: () => (broken = false) };
}

describe('ProjectionRunner', () => {
  let dir: string;
  let events: SqliteEventStore;
  let read: ReadStore<TestTables>;
  const runners: ProjectionRunner<TestTables>[] = [];

  const runner = (
    projections: readonly AnyProjection[] = [anyProjection(streamCounter), anyProjection(amountSum)],
    options: ProjectionRunnerOptions = {},
  ): ProjectionRunner<TestTables> => {
    const created = new ProjectionRunner(events, read, projections, { logger: quietLogger, ...options });
    runners.push(created);
    return created;
  };
  const append = async (stream: string, newEvents: readonly NewEvent[]): Promise<Position> =>
    (await events.appendToStream(stream, 'any', newEvents)).position;
  const counts = () => read.db.selectFrom('test_stream_counts').selectAll().orderBy('stream').execute();
  const totals = () => read.db.selectFrom('test_amount_totals').selectAll().orderBy('stream').execute();

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-runner-'));
    events = openSqliteEventStore({ file: join(dir, 'events.sqlite') });
    read = openTestReadStore<TestTables>({ file: join(dir, 'read.sqlite') });
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await read.close();
    await events.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('given events in the log, when the runner starts, then it catches up from the start and then applies live events', async () => {
    const [a, b] = [`a-${randomUUID()}`, `b-${randomUUID()}`];
    await append(a, [amountRecorded(1), amountRecorded(2), noteAdded()]);
    await append(b, [amountRecorded(10)]);
    const projector = runner(undefined, { batchSize: 2 });

    await projector.start();
    expect(
      await projector.waitFor(await append(b, [amountRecorded(20), noteAdded()]), undefined, WAIT_MS),
    ).toBe(true);

    expect(await counts()).toEqual([
      { stream: a, events: 3, last_revision: 2 },
      { stream: b, events: 3, last_revision: 2 },
    ]);
    expect(await totals()).toEqual([
      { stream: a, total: 3, events: 2 },
      { stream: b, total: 30, events: 2 },
    ]);
    const status = await projector.status();
    expect(
      status.map(({ name, status, position, eventsApplied, upToDate }) => ({
        name,
        status,
        position,
        eventsApplied,
        upToDate,
      })),
    ).toEqual([
      { name: 'test-stream-counter', status: 'running', position: '6', eventsApplied: 6, upToDate: true },
      { name: 'test-amount-sum', status: 'running', position: '6', eventsApplied: 4, upToDate: true },
    ]);
  });

  test('given a runner stopped mid-log, when a new runner starts on the same read store, then it goes on from the checkpoint and applies nothing twice', async () => {
    const stream = `s-${randomUUID()}`;
    const first = runner();
    await first.start();
    expect(
      await first.waitFor(await append(stream, [amountRecorded(1), amountRecorded(2)]), undefined, WAIT_MS),
    ).toBe(true);
    await first.stop();
    expect((await first.status()).map((s) => s.status)).toEqual(['stopped', 'stopped']);

    const head = await append(stream, [amountRecorded(3), noteAdded()]);
    const second = runner();
    await second.start();

    expect(await second.waitFor(head, undefined, WAIT_MS)).toBe(true);
    expect(await counts()).toEqual([{ stream, events: 4, last_revision: 3 }]);
    expect(await totals()).toEqual([{ stream, total: 6, events: 3 }]);
    expect((await second.status()).map((s) => s.eventsApplied)).toEqual([4, 3]);
  });

  test('given batches without any event of its types, when projected, then its checkpoint still moves to the head', async () => {
    const head = await append(`s-${randomUUID()}`, [noteAdded(), noteAdded(), noteAdded()]);
    const projector = runner([anyProjection(amountSum)], { batchSize: 2 });

    await projector.start();

    expect(await projector.waitFor(head, ['test-amount-sum'], WAIT_MS)).toBe(true);
    const [status] = await projector.status();
    expect(status).toMatchObject({ position: head, eventsApplied: 0, upToDate: true });
    expect(await totals()).toEqual([]);
  });

  test('given a handler that throws on one event, when projected, then that projection stops just before it with the error, event id and position, while another keeps going', async () => {
    const stream = `s-${randomUUID()}`;
    const { projection } = breakableSum();
    const before = await append(stream, [amountRecorded(1), amountRecorded(2)]);
    const poison = await events.appendToStream(stream, 'any', [amountRecorded(13)]);
    await append(stream, [amountRecorded(4)]);
    const projector = runner([anyProjection(streamCounter), anyProjection(projection)]);

    await projector.start();
    const later = await append(stream, [noteAdded()]);

    expect(await projector.waitFor(later, ['test-stream-counter'], WAIT_MS)).toBe(true);
    expect(await projector.waitFor(later, ['test-amount-sum'], WAIT_MS)).toBe(false);
    expect(await projector.waitFor(later, undefined, WAIT_MS)).toBe(false);
    const [counter, sum] = await projector.status();
    expect(counter).toMatchObject({ status: 'running', position: later, eventsApplied: 5 });
    expect(sum).toMatchObject({
      status: 'failed',
      position: before,
      eventsApplied: 2,
      upToDate: false,
      error: {
        message: '13 is unlucky',
        eventId: poison.eventIds[0],
        eventType: AMOUNT_RECORDED,
        position: poison.position,
      },
    });
    expect(await totals()).toEqual([{ stream, total: 3, events: 2 }]);
    expect(await counts()).toEqual([{ stream, events: 5, last_revision: 4 }]);
  });

  test('given a failed projection whose handler is fixed, when resumed, then it continues from the failing event and skips nothing', async () => {
    const stream = `s-${randomUUID()}`;
    const { projection, fix } = breakableSum();
    const head = await append(stream, [amountRecorded(1), amountRecorded(13), amountRecorded(100)]);
    const projector = runner([anyProjection(projection)], { batchSize: 2 });
    await projector.start();
    expect(await projector.waitFor(head, undefined, WAIT_MS)).toBe(false);

    fix();
    await projector.resume('test-amount-sum');

    expect(await projector.waitFor(head, undefined, WAIT_MS)).toBe(true);
    expect(await totals()).toEqual([{ stream, total: 114, events: 3 }]);
    const [status] = await projector.status();
    expect(status).toMatchObject({ status: 'running', eventsApplied: 3 });
    expect(status?.error).toBeUndefined();
  });

  test('given a waiter for a position not projected yet, when the runner reaches it, then it resolves true; without progress it resolves false on timeout', async () => {
    const head = await append(`s-${randomUUID()}`, [amountRecorded(5)]);
    const projector = runner();

    expect(await projector.waitFor(head, undefined, 50)).toBe(false);
    const waiting = projector.waitFor(head, ['test-amount-sum'], WAIT_MS);
    const started = Date.now();
    await projector.start();

    expect(await waiting).toBe(true);
    expect(Date.now() - started).toBeLessThan(WAIT_MS);
    await expect(projector.waitFor(head, ['no-such-projection'], 50)).rejects.toThrow(
      'Unknown projection "no-such-projection"',
    );
  });

  test('given a stopped runner, when waiting or stopping again, then waiters are released with false and stop is a no-op', async () => {
    const projector = runner();
    await projector.start();
    const head = await append(`s-${randomUUID()}`, [amountRecorded(5)]);
    expect(await projector.waitFor(head, undefined, WAIT_MS)).toBe(true);
    // The SQLite store's positions count events: this one is far beyond anything appended here.
    const never = events.parsePosition('1000000') as Position;
    const pending = projector.waitFor(never, undefined, 60_000);

    await Promise.all([projector.stop(), projector.stop()]);

    expect(await pending).toBe(false);
    await expect(projector.stop()).resolves.toBeUndefined();
    expect(await projector.waitFor(head, undefined, WAIT_MS)).toBe(true);
    await expect(projector.start()).rejects.toThrow('stopped');
  });

  test('given a batch in flight, when stopped, then stop waits for it to commit with its checkpoint', async () => {
    let release: () => void = () => undefined;
    let entered: () => void = () => undefined;
    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: Projection<TestTables> = {
      ...streamCounter,
      handle: async (trx, event) => {
        entered();
        await gate;
        await streamCounter.handle(trx, event);
      },
    };
    const stream = `s-${randomUUID()}`;
    const head = await append(stream, [noteAdded(), noteAdded()]);
    const projector = runner([anyProjection(slow)]);
    await projector.start();
    await inHandler;

    const stopping = projector.stop();
    release();
    await stopping;

    expect(await counts()).toEqual([{ stream, events: 2, last_revision: 1 }]);
    expect(await projector.status()).toEqual([
      expect.objectContaining({ status: 'stopped', position: head }),
    ]);
  });

  test('given checkpoints of an older version, when the new version starts, then it fails asking for a rebuild and applies nothing', async () => {
    const stream = `s-${randomUUID()}`;
    const first = runner([anyProjection(streamCounter)]);
    await first.start();
    expect(await first.waitFor(await append(stream, [noteAdded()]), undefined, WAIT_MS)).toBe(true);
    await first.stop();

    const second = runner([anyProjection({ ...streamCounter, version: 2 })]);
    await second.start();

    const [status] = await second.status();
    expect(status).toMatchObject({
      status: 'failed',
      version: 1,
      error: { message: expect.stringContaining('rebuild') },
    });
  });

  test('given two projections with one name, when registered or run, then both refuse at once naming it', () => {
    const twice = [anyProjection(streamCounter), anyProjection({ ...amountSum, name: streamCounter.name })];

    expect(() => createProjectionRegistry(twice)).toThrow('Duplicate projection name "test-stream-counter"');
    expect(() => runner(twice)).toThrow('Duplicate projection name "test-stream-counter"');
  });

  test('given a projection whose migration is named after another, when registered, then it is refused', () => {
    const squatter = anyProjection({ ...amountSum, name: 'test-squatter' });

    expect(() => createProjectionRegistry([squatter])).toThrow('test-amount-sum-0001');
  });
});
