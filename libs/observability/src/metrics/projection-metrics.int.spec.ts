import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Kysely } from 'kysely';
import { type NewEvent, openSqliteEventStore, type SqliteEventStore } from '@ledger/event-store';
import { anyProjection, type Projection, ProjectionRunner } from '@ledger/projections';
import { openSqliteReadStore, type ReadStore } from '@ledger/read-store';
import { valueOf } from '../testing/metric-values.js';
import { METRIC_NAMES } from './metric-names.js';
import { createMetricsRegistry } from './metrics-registry.js';
import { type ProjectionMetricsOptions, registerProjectionMetrics } from './projection-metrics.js';

interface NoteTables {
  obs_notes: { event_id: string };
}

/** Keeps one row per note; a note saying "boom" makes it fail. */
const notes: Projection<NoteTables> = {
  name: 'notes',
  version: 1,
  eventTypes: ['NoteAdded'],
  migrations: {
    'notes-0001': {
      up: async (db: Kysely<unknown>) => {
        await db.schema
          .createTable('obs_notes')
          .addColumn('event_id', 'text', (c) => c.primaryKey())
          .execute();
      },
    },
  },
  handle: async (trx, event) => {
    if ((event.data as { text: string }).text === 'boom') throw new Error('boom');
    await trx.insertInto('obs_notes').values({ event_id: event.eventId }).execute();
  },
};

function note(text = 'note', type = 'NoteAdded'): NewEvent {
  const id = randomUUID();
  return {
    type,
    data: { text },
    schemaVersion: 1,
    occurredAt: '2018-03-01T10:00:00.000Z',
    metadata: {
      actor: { id: 'metrics-test', role: 'admin' },
      commandId: id,
      correlationId: id,
      causationId: id,
      source: 'cli',
    },
  };
}

const quiet = { log: (): void => undefined, error: (): void => undefined };

describe('projection metrics', () => {
  let dir: string;
  let events: SqliteEventStore;
  let read: ReadStore<NoteTables>;
  let runner: ProjectionRunner<NoteTables>;

  const append = async (...batch: NewEvent[]) =>
    (await events.appendToStream(`notes-${randomUUID()}`, 'no-stream', batch)).position;
  const scrape = (options: Partial<ProjectionMetricsOptions> = {}) => {
    const registry = createMetricsRegistry({ defaultMetrics: false });
    registerProjectionMetrics(registry, { runner, eventStore: events, ...options });
    const value = (name: string) => valueOf(registry, name, { projection: 'notes' });
    return { registry, value };
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-metrics-'));
    events = openSqliteEventStore({ file: join(dir, 'events.sqlite') });
    read = openSqliteReadStore<NoteTables>({ file: join(dir, 'read.sqlite') });
    runner = new ProjectionRunner(events, read, [anyProjection(notes)], { logger: quiet });
  });
  afterEach(async () => {
    await runner.stop();
    await read.close();
    await events.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('given a projection that has taken in every event, when scraped, then its lag is 0 events and 0 seconds and it counts what it applied', async () => {
    const head = await append(note(), note(), note(), note('other', 'SomethingElse'));
    await runner.start();
    expect(await runner.waitFor(head, undefined, 5000)).toBe(true);

    const { value } = scrape();

    expect(await value(METRIC_NAMES.projectionLagEvents)).toBe(0);
    expect(await value(METRIC_NAMES.projectionLagSeconds)).toBe(0);
    expect(await value(METRIC_NAMES.projectionEventsApplied)).toBe(3);
    expect(await value(METRIC_NAMES.projectionFailed)).toBe(0);
  });

  it('given a projection stopped behind the log, when scraped a minute later, then it is 3 events and about 60 seconds behind', async () => {
    const caughtUpTo = await append(note(), note());
    await runner.start();
    expect(await runner.waitFor(caughtUpTo, undefined, 5000)).toBe(true);
    await runner.stop();
    await append(note(), note(), note());

    const { value } = scrape({ clock: () => new Date(Date.now() + 60_000) });

    expect(await value(METRIC_NAMES.projectionLagEvents)).toBe(3);
    const seconds = await value(METRIC_NAMES.projectionLagSeconds);
    expect(seconds).toBeGreaterThanOrEqual(60);
    expect(seconds).toBeLessThan(70);
    expect(await value(METRIC_NAMES.projectionEventsApplied)).toBe(2);
  });

  it('given a projection further behind than the cap, when scraped, then the lag reads the cap', async () => {
    await append(note(), note(), note(), note(), note());

    const { value } = scrape({ maxLagEvents: 3 });

    expect(await value(METRIC_NAMES.projectionLagEvents)).toBe(3);
  });

  it('given a handler that fails on the second event, when scraped, then the projection is failed and 2 events behind', async () => {
    const head = await append(note(), note('boom'), note());
    await runner.start();
    expect(await runner.waitFor(head, undefined, 5000)).toBe(false);

    const { value } = scrape();

    expect(await value(METRIC_NAMES.projectionFailed)).toBe(1);
    expect(await value(METRIC_NAMES.projectionLagEvents)).toBe(2);
    expect(await value(METRIC_NAMES.projectionEventsApplied)).toBe(1);
  });

  it('given one scrape of every metric, when collected, then the statuses are read once, not once per metric', async () => {
    let reads = 0;
    const counting = { status: () => ((reads += 1), runner.status()) };
    const { registry } = scrape({ runner: counting });

    await registry.metrics();

    expect(reads).toBe(1);
  });

  it('given statuses that cannot be read, when scraped, then the projection series are left out and the error is reported', async () => {
    const reported: unknown[] = [];
    const broken = { status: () => Promise.reject(new Error('read store closed')) };
    const { registry } = scrape({ runner: broken, onError: (error) => reported.push(error) });

    const text = await registry.metrics();

    expect(text).not.toContain('projection="');
    expect(reported).toEqual([new Error('read store closed')]);
  });
});
