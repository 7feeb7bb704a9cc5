import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Kysely } from 'kysely';
import { type EventStore, type NewEvent, openSqliteEventStore, type Position } from '@ledger/event-store';
import type { DomainEvent } from '@ledger/ledger-domain';
import { auditTrailProjection } from '../audit-trail/audit-trail.projection.js';
import { awarded, corrected, paid } from '../grant-register/grant-register.fixtures.spec.js';
import { grantRegisterProjection } from '../grant-register/grant-register.projection.js';
import { getGrant } from '../grant-register/grant-register.queries.js';
import type { GrantRegisterTables } from '../grant-register/grant-register.tables.js';
import type { Projection } from '../projection.js';
import { anyProjection } from '../registry.js';
import type { RunnerTables } from '../runner/checkpoint-table.js';
import { AsAtError, resolveAsAt } from './as-at.js';
import { LogPrefix } from './log-prefix.js';
import { positionAt, recordedAtOf } from './position-at.js';
import { readModelsAt } from './read-models-at.js';

const PROJECTIONS = [anyProjection(grantRegisterProjection), anyProjection(auditTrailProjection)];

/** Each event is recorded one minute after the one before, from 09:00 on 1 October 2018. */
const minute = (n: number): string => new Date(Date.UTC(2018, 9, 1, 9, n)).toISOString();

function toNew({ type, data }: DomainEvent): NewEvent {
  const metadata = {
    actor: { id: 'pm', role: 'programme-manager' },
    commandId: 'c',
    correlationId: 'c',
    causationId: 'c',
    source: 'api',
  } as const;
  return { type, data, schemaVersion: 1, occurredAt: '2018-10-01T00:00:00.000Z', metadata };
}

/** Every projection's checkpoint; the runner's table sits beside the read model's. */
async function checkpoints(db: Kysely<GrantRegisterTables>): Promise<(string | null)[]> {
  const runner = db as unknown as Kysely<RunnerTables>;
  const rows = await runner.selectFrom('projection_checkpoints').select('position').execute();
  return rows.map((row) => row.position);
}

describe('readModelsAt', () => {
  let dir: string;
  let store: EventStore;
  const positions: Position[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-time-travel-'));
    store = openSqliteEventStore({ file: join(dir, 'events.sqlite') });
    const history = [
      awarded('g-1'),
      paid('g-1', 500_000),
      awarded('g-2'),
      corrected('g-1', 2_000_000, 1_500_000),
    ];
    for (const event of history) {
      const stream = `grant-${(event.data as { grantId: string }).grantId}`;
      positions.push((await store.appendToStream(stream, 'any', [toNew(event)])).position);
    }
  });
  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('given a grant corrected later, when built as at a position before the correction, then the register shows the old amount and every checkpoint is there', async () => {
    const asAt = positions[2] as Position;

    const { readStore, position } = await readModelsAt<GrantRegisterTables>(store, PROJECTIONS, asAt, {
      batchSize: 2,
    });
    try {
      expect(position).toBe(asAt);
      expect(await getGrant(readStore.db, 'g-1')).toMatchObject({ amountAwarded: 2_000_000, corrections: 0 });
      expect(await getGrant(readStore.db, 'g-2')).toMatchObject({ amountAwarded: 2_000_000 });
      expect(await checkpoints(readStore.db)).toEqual([asAt, asAt]);
    } finally {
      await readStore.close();
    }
  });

  it('given the head, when built as at it, then the correction is there', async () => {
    const { readStore } = await readModelsAt<GrantRegisterTables>(store, PROJECTIONS, positions[3]);
    try {
      expect(await getGrant(readStore.db, 'g-1')).toMatchObject({ amountAwarded: 1_500_000, corrections: 1 });
    } finally {
      await readStore.close();
    }
  });

  it('given the log as at a position, when a stream is read, then it has its revision and events of then', async () => {
    const prefix = new LogPrefix(store, positions[2]);

    const { revision, events } = await prefix.readStream('grant-g-1', { maxCount: 5 });

    expect(revision).toBe(1);
    expect(events.map((e) => e.type)).toEqual(['GrantAwarded', 'GrantPaymentMade']);
    expect(await prefix.headPosition()).toBe(positions[2]);
    await expect(prefix.appendToStream()).rejects.toThrow('read-only');
  });

  it('given no position, when built, then the read models are empty', async () => {
    const { readStore, position } = await readModelsAt<GrantRegisterTables>(store, PROJECTIONS, undefined);
    try {
      expect(position).toBeUndefined();
      expect(await readStore.db.selectFrom('grant_register').selectAll().execute()).toEqual([]);
    } finally {
      await readStore.close();
    }
  });

  it('given a position past the head, when built, then it is refused', async () => {
    await expect(readModelsAt(store, PROJECTIONS, '99' as Position)).rejects.toThrow(AsAtError);
  });

  it('given a projection that fails on an event, when built, then it fails naming the projection and the event', async () => {
    const failing: Projection = {
      name: 'failing',
      version: 1,
      eventTypes: ['GrantPaymentMade'],
      migrations: {},
      handle: () => Promise.reject(new Error('cannot count payments')),
    };

    await expect(readModelsAt(store, [failing], positions[3])).rejects.toThrow(
      `projection "failing" failed at event`,
    );
  });

  it('given a projection that fails on an event and keepFailed, when built, then it is listed with the event and the others answer as at then', async () => {
    const failing: Projection = {
      name: 'failing',
      version: 1,
      eventTypes: ['GrantPaymentMade'],
      migrations: {},
      handle: () => Promise.reject(new Error('cannot count payments')),
    };

    const { readStore, position, failures } = await readModelsAt<GrantRegisterTables>(
      store,
      [...PROJECTIONS, anyProjection(failing)],
      positions[3],
      { keepFailed: true },
    );
    try {
      expect(failures).toEqual([
        {
          name: 'failing',
          position: positions[0],
          error: {
            message: 'cannot count payments',
            eventId: expect.any(String),
            eventType: 'GrantPaymentMade',
            position: positions[1],
          },
        },
      ]);
      expect(position).toBe(positions[3]);
      expect(await getGrant(readStore.db, 'g-1')).toMatchObject({ amountAwarded: 1_500_000, corrections: 1 });
    } finally {
      await readStore.close();
    }
  });
});

describe('positions and times of the log', () => {
  let dir: string;
  let store: EventStore;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-position-at-'));
    let now = minute(0);
    store = openSqliteEventStore({ file: join(dir, 'events.sqlite'), clock: () => new Date(now) });
    for (const [n, grantId] of ['g-1', 'g-2', 'g-3'].entries()) {
      now = minute(n + 1);
      await store.appendToStream(`grant-${grantId}`, 'any', [toNew(awarded(grantId))]);
    }
  });
  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('given events recorded a minute apart, when asked for the position at an instant, then it is the last recorded by then', async () => {
    expect(await positionAt(store, minute(1))).toBe('1');
    expect(await positionAt(store, '2018-10-01T09:02:30Z')).toBe('2');
    expect(await positionAt(store, '2018-10-01T11:02:30+02:00')).toBe('2');
    expect(await positionAt(store, '2030-01-01T00:00:00Z')).toBe('3');
    expect(await positionAt(store, '2018-10-01T08:00:00Z')).toBeUndefined();
  });

  it('given a position, when asked when it was recorded, then its recordedAt; none for a position without an event', async () => {
    expect(await recordedAtOf(store, '2' as Position)).toBe(minute(2));
    expect(await recordedAtOf(store, '0' as Position)).toBeUndefined();
    expect(await recordedAtOf(store, '4' as Position)).toBeUndefined();
  });

  it('given asAt text, when resolved, then a position stays, a timestamp becomes a position, anything else is refused', async () => {
    expect(await resolveAsAt(store, '2')).toBe('2');
    expect(await resolveAsAt(store, '2018-10-01T09:01:00.000Z')).toBe('1');
    await expect(resolveAsAt(store, '2018-10-01')).rejects.toThrow('ISO 8601 timestamp with a time zone');
    await expect(resolveAsAt(store, 'yesterday')).rejects.toThrow(AsAtError);
    await expect(resolveAsAt(store, '4')).rejects.toThrow('past the head of the ledger (position 3)');
  });
});
