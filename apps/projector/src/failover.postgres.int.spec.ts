import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { type Kysely, sql } from 'kysely';
import { openSqliteEventStore, type Position } from '@ledger/event-store';
import { ALL_PROJECTIONS, ProjectionRunner } from '@ledger/projections';
import type { ReadStore } from '@ledger/read-store';
import { ledgerEvents, openPostgresTestReadStore, postgresRows, postgresTestUrl } from '@ledger/testing';
import { type ProjectorProcess, startProjectorProcess } from './testing/projector-process.js';

// Issue acceptance: two projector workers on one PostgreSQL read store, one killed mid-batch: each
// event is applied exactly once and the read models equal a fresh rebuild.
const EVENTS = 5_000;
const BATCH_SIZE = 50;

async function checkpoints(db: Kysely<unknown>) {
  const rows = await sql<{ name: string; position: string | null; events_applied: number; status: string }>`
    select name, position, events_applied, status from projection_checkpoints order by name`.execute(db);
  return rows.rows;
}

async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe().catch(() => undefined);
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('projector workers on one PostgreSQL read store', () => {
  let dir: string;
  let shared: ReadStore<unknown>;
  let fresh: ReadStore<unknown>;
  let head: Position;
  const sharedSchema = `failover_${randomUUID().replaceAll('-', '')}`;
  const freshSchema = `fresh_${randomUUID().replaceAll('-', '')}`;
  const workers: ProjectorProcess[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-failover-'));
    const events = openSqliteEventStore({ file: join(dir, 'events.sqlite') });
    try {
      const appends = ledgerEvents({ events: EVENTS });
      // Many in flight at once, in order: the embedded store commits them as groups.
      for (let first = 0; first < appends.length; first += 1_000) {
        await Promise.all(appends.slice(first, first + 1_000).map((writes) => events.appendMultiple(writes)));
      }
      head = (await events.headPosition()) as Position;
    } finally {
      await events.close();
    }
    shared = openPostgresTestReadStore(sharedSchema);
    fresh = openPostgresTestReadStore(freshSchema);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.kill('SIGKILL')));
    await shared.close();
    await fresh.close();
    await rm(dir, { recursive: true, force: true });
  });

  const timings: Record<string, number> = {};
  let started = performance.now();
  const lap = (name: string): void => {
    timings[name] = Math.round(performance.now() - started);
    started = performance.now();
  };
  afterAll(() => {
    process.stdout.write(`failover timings (ms): ${JSON.stringify(timings)}\n`);
  });

  test('given two workers, when the one projecting is killed mid-batch, then the other takes over and every event is applied exactly once, as a fresh rebuild applies it', async () => {
    const env = {
      LEDGER_DATA_DIR: dir,
      LEDGER_READ_STORE: 'postgres',
      DATABASE_URL: postgresTestUrl(),
      LEDGER_READ_STORE_SCHEMA: sharedSchema,
      LEDGER_PROJECTION_BATCH_SIZE: String(BATCH_SIZE),
      LEDGER_LOG_LEVEL: 'info',
    };
    lap('seed');
    // Given: the first worker takes every lease, the second stands by.
    const first = await startProjectorProcess(env);
    workers.push(first);
    await eventually(
      'the first worker holds every lease',
      async () => {
        const status = await first.status();
        return status.runningHere.length === ALL_PROJECTIONS.length ? status : undefined;
      },
      30_000,
    );
    const second = await startProjectorProcess(env);
    workers.push(second);
    expect((await second.status()).runningHere).toEqual([]);

    // When: a quarter of the log in, the first is SIGKILLed while one of its batches is open.
    await eventually(
      'a quarter of the log is projected',
      async () => {
        const moved = (await checkpoints(shared.db)).map((row) => Number(row.position ?? 0));
        return Math.min(...moved) >= EVENTS / 4 ? true : undefined;
      },
      60_000,
    );
    const application = `programme-ledger pid ${first.pid}`;
    const openBatch = await eventually(
      'a batch of the first worker is open',
      async () => {
        const open = await sql<{ n: number }>`
        select count(*) as n from pg_stat_activity
        where application_name = ${application} and xact_start is not null and state <> 'idle'`.execute(
          shared.db,
        );
        return Number(open.rows[0]?.n) > 0 ? Number(open.rows[0]?.n) : undefined;
      },
      10_000,
    );
    await first.kill('SIGKILL');
    lap('until the kill');
    const atKill = await checkpoints(shared.db);

    // Then: the second takes every lease over and brings every projection to the head of the log.
    await eventually(
      'the second worker holds every lease and is at the head',
      async () => {
        const status = await second.status();
        const done =
          status.runningHere.length === ALL_PROJECTIONS.length &&
          status.projections.every((projection) => projection.upToDate);
        return done ? status : undefined;
      },
      120_000,
    );
    lap('takeover to the head');
    expect(openBatch).toBeGreaterThan(0);
    expect(atKill.some((row) => Number(row.position ?? 0) < Number(head))).toBe(true);

    // A fresh rebuild of the same log, in this process, into a schema of its own.
    const events = openSqliteEventStore({ file: join(dir, 'events.sqlite') });
    const runner = new ProjectionRunner(events, fresh, ALL_PROJECTIONS, {
      batchSize: 1_000,
      logger: { log: () => undefined, error: (message) => process.stderr.write(`${message}\n`) },
    });
    try {
      await runner.start();
      expect(await runner.waitFor(head, undefined, 120_000)).toBe(true);
    } finally {
      await runner.stop();
      await events.close();
    }

    lap('fresh rebuild');
    const [failedOver, rebuilt] = [await checkpoints(shared.db), await checkpoints(fresh.db)];
    expect(
      failedOver.map(({ name, position, events_applied }) => ({ name, position, events_applied })),
    ).toEqual(rebuilt.map(({ name, position, events_applied }) => ({ name, position, events_applied })));
    expect(failedOver.every((row) => row.position === head && row.status === 'running')).toBe(true);
    const [models, freshModels] = [
      await postgresRows(shared.db, sharedSchema),
      await postgresRows(fresh.db, freshSchema),
    ];
    expect(Object.keys(models)).toEqual(Object.keys(freshModels));
    for (const table of Object.keys(freshModels)) {
      expect({ table, rows: models[table] }).toEqual({ table, rows: freshModels[table] });
    }
    // One audit row per event: none lost in the kill, none applied twice by the takeover.
    expect(models['audit_events']).toHaveLength(EVENTS);

    // The survivor says so to probes and Prometheus: ready, and no lag left.
    expect((await second.get('/health/ready')).status).toBe(200);
    const metrics = await (await second.get('/metrics')).text();
    expect(metrics).toContain('ledger_projection_lag_events{projection="grant-register"} 0');
    // And a SIGTERM lets it finish its batch, record every projection stopped and exit cleanly.
    expect(await second.kill('SIGTERM')).toBe(0);
    expect((await checkpoints(shared.db)).map((row) => row.status)).toEqual(rebuilt.map(() => 'stopped'));
  }, 300_000);
});
