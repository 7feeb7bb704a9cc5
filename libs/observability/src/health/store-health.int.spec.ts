import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { HealthIndicatorService } from '@nestjs/terminus';
import { openSqliteEventStore, type Position, type SqliteEventStore } from '@ledger/event-store';
import { openSqliteReadStore, type ReadStore } from '@ledger/read-store';
import { eventStoreReachable, readStoreReachable } from './store-health.js';

describe('store health indicators', () => {
  let dir: string;
  let events: SqliteEventStore;
  let read: ReadStore<unknown>;
  const indicators = new HealthIndicatorService();
  const run = async (check: ReturnType<typeof eventStoreReachable>) =>
    typeof check === 'function' ? await check() : await check;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-health-'));
    events = openSqliteEventStore({ file: join(dir, 'events.sqlite') });
    read = openSqliteReadStore({ file: join(dir, 'read.sqlite') });
  });
  afterEach(async () => {
    await read.close();
    await events.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('given both stores open, when checked, then both are up under their keys', async () => {
    expect(await run(eventStoreReachable(indicators, events))).toMatchObject({
      'event-store': { status: 'up' },
    });
    expect(await run(readStoreReachable(indicators, read))).toMatchObject({ 'read-store': { status: 'up' } });
  });

  it('given a read store in use, when it is closed and checked, then it is down with the reason', async () => {
    const check = readStoreReachable(indicators, read);
    expect(await run(check)).toMatchObject({ 'read-store': { status: 'up' } });
    await read.close();

    const result = await run(check);

    expect(result).toMatchObject({
      'read-store': { status: 'down', message: 'driver has already been destroyed' },
    });
  });

  it('given a closed event store, when checked, then it is down', async () => {
    await events.close();

    expect(await run(eventStoreReachable(indicators, events))).toMatchObject({
      'event-store': { status: 'down' },
    });
  });

  it('given an event store that does not answer, when checked with a 50 ms timeout, then it is down saying so', async () => {
    const hanging = { headPosition: () => new Promise<Position | undefined>(() => undefined) };

    const result = await run(eventStoreReachable(indicators, hanging, { timeoutMs: 50 }));

    expect(result).toEqual({
      'event-store': {
        status: 'down',
        message: 'timeout of 50ms exceeded',
        responseTime: expect.any(Number),
      },
    });
  });
});
