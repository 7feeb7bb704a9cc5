import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { openSqliteEventStore, type SqliteEventStore } from '@ledger/event-store';
import type { ReadStore } from '@ledger/read-store';
import { openTestReadStore } from '@ledger/testing';
import type { Projection } from '../projection.js';
import { anyProjection } from '../registry.js';
import { ProjectionRunner } from './projection-runner.js';
import { amountRecorded } from './testing/test-events.js';
import {
  AMOUNT_RECORDED,
  amountOf,
  amountSum,
  streamCounter,
  type TestTables,
} from './testing/test-projections.js';

// What a query asks before answering from a read model (ADR 0018): is it stopped by a failure, at
// which event, and why; from this process's memory, or from the checkpoints another process commits.

const quiet = { log: () => undefined, error: () => undefined };
const WAIT_MS = 5_000;

/** The amount sum, refusing 13: the projection stops at the event that carries it. */
const unlucky = anyProjection<TestTables>({
  ...amountSum,
  handle: async (trx, event) => {
    if (amountOf(event) === 13) throw new Error('13 is unlucky');
    await amountSum.handle(trx, event);
  },
} satisfies Projection<TestTables>);
const PROJECTIONS = [anyProjection(streamCounter), unlucky];

describe('ProjectionRunner.failures', () => {
  let dir: string;
  let events: SqliteEventStore;
  let store: ReadStore<unknown>;
  const runners: ProjectionRunner[] = [];
  const runner = (options: { readonly mode?: 'watch' } = {}) => {
    const created = new ProjectionRunner(events, store, PROJECTIONS, { logger: quiet, ...options });
    runners.push(created);
    return created;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-runner-failures-'));
    events = openSqliteEventStore({ file: join(dir, 'events.sqlite') });
    store = openTestReadStore({ file: join(dir, 'read.sqlite') });
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await store.close();
    await events.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** 1, 2, then 13 on one stream: the amount sum stops at the third event, the counter goes on. */
  const poisonedLog = async () => {
    const stream = `s-${randomUUID()}`;
    const before = await events.appendToStream(stream, 'any', [amountRecorded(1), amountRecorded(2)]);
    const poison = await events.appendToStream(stream, 'any', [amountRecorded(13)]);
    return { before: before.position, poison };
  };

  test('given a projection stopped by a handler, when its failures are asked, then it is named with the event id, type and position, and the running one is not', async () => {
    const { before, poison } = await poisonedLog();
    const projector = runner();
    await projector.start();
    expect(await projector.waitFor(poison.position, ['test-stream-counter'], WAIT_MS)).toBe(true);
    expect(await projector.waitFor(poison.position, ['test-amount-sum'], WAIT_MS)).toBe(false);

    const failures = await projector.failures();

    expect(failures).toEqual([
      {
        name: 'test-amount-sum',
        position: before,
        error: {
          message: '13 is unlucky',
          eventId: poison.eventIds[0],
          eventType: AMOUNT_RECORDED,
          position: poison.position,
        },
      },
    ]);
    expect(await projector.failures(['test-stream-counter'])).toEqual([]);
  });

  test('given a projection another process stopped, when a watching runner is asked, then it names the failure as committed', async () => {
    const { poison } = await poisonedLog();
    const projector = runner();
    await projector.start();
    expect(await projector.waitFor(poison.position, ['test-amount-sum'], WAIT_MS)).toBe(false);
    const watcher = runner({ mode: 'watch' });
    await watcher.start();

    const failures = await watcher.failures(['test-amount-sum']);

    expect(failures.map(({ name, error }) => [name, error.eventType, error.position])).toEqual([
      ['test-amount-sum', AMOUNT_RECORDED, poison.position],
    ]);
  });

  test('given an unknown projection name, when failures are asked, then it throws rather than answer that nothing failed', async () => {
    const projector = runner();
    await projector.start();

    await expect(projector.failures(['no-such'])).rejects.toThrow('Unknown projection "no-such"');
  });
});
