import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  type EventStore,
  type NewEvent,
  openSqliteEventStore,
  type RecordedEvent,
  type StreamWrite,
} from '@ledger/event-store';
import { openSqliteReadStore } from '@ledger/read-store';
import { ledgerEvents } from '@ledger/workload';
import { ALL_PROJECTIONS } from '../all-projections.js';
import { applyBatch } from '../runner/apply-batch.js';
import { type Checkpoint, initialCheckpoint } from '../runner/checkpoint.js';
import { insertCheckpoint } from '../runner/checkpoint-repository.js';
import { RUNNER_MIGRATIONS, type RunnerTables } from '../runner/checkpoint-table.js';
import { compareTable, readCheckpoints } from '../runner/testing/crash-readers.js';
import { LEDGER_TABLES } from '../runner/testing/ledger-projections.js';
import { rebuildProjections } from './rebuild-projections.js';
import { shadowFileOf } from './shadow-store.js';

// The projections' synchronous rebuild path (`sqliteBatch`) must leave exactly the rows, and stop at
// exactly the event, that their handlers do through the live runner's applyBatch.
// 12,000 events already hold all 23 event types the generator makes (as 30,000 do), in a third of the time.
const EVENTS = 12_000;
const LIVE_BATCH = 250;
const names = ALL_PROJECTIONS.map((projection) => projection.name);
const clock = () => new Date('2024-01-01T00:00:00.000Z');

/** The per-event path, as the live runner applies it: handler by handler, batch by batch. */
async function applyLive(events: EventStore, file: string): Promise<void> {
  const store = openSqliteReadStore<RunnerTables>({ file });
  try {
    await store.migrate(
      Object.assign({}, RUNNER_MIGRATIONS, ...ALL_PROJECTIONS.map((projection) => projection.migrations)),
    );
    const all = await readEverything(events);
    for (const projection of ALL_PROJECTIONS) {
      let checkpoint: Checkpoint = initialCheckpoint(projection.name, projection.version);
      await insertCheckpoint(store.db, checkpoint, clock());
      for (let first = 0; first < all.length && checkpoint.status !== 'failed'; first += LIVE_BATCH) {
        const batch = all.slice(first, first + LIVE_BATCH);
        checkpoint = await applyBatch(store.db, projection, checkpoint, batch, clock);
      }
    }
  } finally {
    await store.close();
  }
}

async function readEverything(events: EventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (;;) {
    const read = await events.readAll({ after: all.at(-1)?.globalPosition, maxCount: 5000 });
    if (read.length === 0) return all;
    all.push(...read);
  }
}

/** An event like `like` (same envelope), of another type. */
function eventLike(like: NewEvent, type: string, data: unknown): NewEvent {
  return { type, data, schemaVersion: 1, occurredAt: like.occurredAt, metadata: like.metadata };
}

function tablesOf(projection: string): typeof LEDGER_TABLES {
  const prefix = {
    'grant-register': 'grant_register',
    'audit-trail': 'audit_',
    'innovator-summary': 'innovator_summary',
    'introduction-funnel': 'funnel_',
    'programme-impact': 'impact_',
  }[projection];
  return LEDGER_TABLES.filter(([table]) => prefix !== undefined && table.startsWith(prefix));
}

function expectSameTables(a: string, b: string, tables: typeof LEDGER_TABLES): void {
  for (const table of tables) {
    const { rows, differences } = compareTable(a, b, table);
    expect({ table: table[0], rows: rows[0], differences }).toEqual({
      table: table[0],
      rows: rows[1],
      differences: [],
    });
  }
}

describe('rebuilding through the projections’ fast path', () => {
  let dir: string;
  let events: EventStore;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-rebuild-fast-'));
    events = openSqliteEventStore({ file: join(dir, 'events.sqlite') });
    const appends = ledgerEvents({ events: EVENTS, seed: 7 });
    for (const writes of appends) await events.appendMultiple(writes);
    // Rarer paths the generator does not take: a person forgotten (the audit trail scrubs).
    const like = (appends[0] as readonly StreamWrite[])[0]?.events[0] as NewEvent;
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

  test('given a generated ledger, when every projection is rebuilt, then every table and checkpoint equals the live runner’s', async () => {
    const [liveFile, rebuiltFile] = [join(dir, 'live.sqlite'), join(dir, 'rebuilt.sqlite')];
    await applyLive(events, liveFile);

    const results = await rebuildProjections(events, rebuiltFile, ALL_PROJECTIONS, names, { batchSize: 777 });

    expect(results.map((result) => [result.name, result.status])).toEqual(
      names.map((name) => [name, 'Success']),
    );
    expectSameTables(rebuiltFile, liveFile, LEDGER_TABLES);
    const checkpoints = (file: string) =>
      readCheckpoints(file).map(({ name, position, events_applied, status }) => ({
        name,
        position,
        events_applied,
        status,
      }));
    expect(checkpoints(rebuiltFile)).toEqual(
      checkpoints(liveFile).map((checkpoint) => ({ ...checkpoint, status: 'stopped' })),
    );
  }, 300_000);

  test('given an event naming an unknown grant, when rebuilt, then the projections that refuse it stop at it with the rows the live runner had', async () => {
    const like = (await events.readAll({ maxCount: 1 }))[0] as RecordedEvent;
    const envelope = { ...like, schemaVersion: 1 } as NewEvent;
    await events.appendToStream('grant-nowhere', 'any', [
      eventLike(envelope, 'GrantPaymentMade', {
        grantId: 'nowhere',
        programmeId: 'p',
        amount: 100,
        paidOn: '2024-01-01',
      }),
    ]);
    const [liveFile, rebuiltFile] = [join(dir, 'live-2.sqlite'), join(dir, 'rebuilt-2.sqlite')];
    await applyLive(events, liveFile);
    const live = readCheckpoints(liveFile);

    const results = await rebuildProjections(events, rebuiltFile, ALL_PROJECTIONS, names, { batchSize: 500 });

    for (const result of results) {
      const checkpoint = live.find(({ name }) => name === result.name);
      if (checkpoint?.status === 'failed') {
        expect(result).toMatchObject({
          status: 'Error',
          error: { code: 'REBUILD.HANDLER_FAILED', position: String(Number(checkpoint.position) + 1) },
        });
        expect(result.error?.message).toContain(checkpoint.error_message);
        expectSameTables(shadowFileOf(rebuiltFile, result.name), liveFile, tablesOf(result.name));
      } else {
        expect(result.status).toBe('Success');
        expectSameTables(rebuiltFile, liveFile, tablesOf(result.name));
      }
    }
    expect(
      live
        .filter(({ status }) => status === 'failed')
        .map(({ name }) => name)
        .sort(),
    ).toEqual(['grant-register', 'innovator-summary', 'programme-impact']);
  }, 300_000);
});
