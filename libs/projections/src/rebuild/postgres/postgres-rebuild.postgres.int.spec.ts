import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { sql } from 'kysely';
import {
  openSqliteEventStore,
  type Position,
  type SqliteEventStore,
  type StreamWrite,
} from '@ledger/event-store';
import { openAdvisoryLeases, type ReadStore } from '@ledger/read-store';
import type { Projection } from '../../projection.js';
import { ledgerEvents, openPostgresTestReadStore, postgresRows, postgresTestUrl } from '@ledger/testing';
import { auditTrailProjection } from '../../audit-trail/audit-trail.projection.js';
import { grantRegisterProjection } from '../../grant-register/grant-register.projection.js';
import { anyProjection } from '../../registry.js';
import { ProjectionRunner } from '../../runner/projection-runner.js';
import type { RebuildProgress } from '../rebuild-result.js';
import { rebuildPostgresProjections, shadowSchemaOf } from './postgres-rebuild.js';

const PROJECTIONS = [anyProjection(grantRegisterProjection), anyProjection(auditTrailProjection)];
const GRANT_TABLES = ['grant_register'];
const quiet = { log: () => undefined, error: (message: string) => process.stderr.write(`${message}\n`) };

describe('rebuild on PostgreSQL', () => {
  let dir: string;
  let events: SqliteEventStore;
  let appends: StreamWrite[][];
  let live: ReadStore<unknown>;
  let schema: string;
  const opened: ReadStore<unknown>[] = [];

  const append = async (writes: readonly StreamWrite[][]): Promise<Position> => {
    for (let first = 0; first < writes.length; first += 500) {
      await Promise.all(writes.slice(first, first + 500).map((write) => events.appendMultiple(write)));
    }
    return (await events.headPosition()) as Position;
  };

  /** The same projections built from scratch over the whole log, in a schema of their own. */
  const freshRows = async (head: Position, tables: readonly string[]) => {
    const freshSchema = `fresh_${randomUUID().replaceAll('-', '')}`;
    const fresh = openPostgresTestReadStore(freshSchema);
    opened.push(fresh);
    const runner = new ProjectionRunner(events, fresh, PROJECTIONS, { logger: quiet, batchSize: 1_000 });
    await runner.start();
    expect(await runner.waitFor(head, undefined, 60_000)).toBe(true);
    await runner.stop();
    return postgresRows(fresh.db, freshSchema, tables);
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-pg-rebuild-'));
    events = openSqliteEventStore({ file: join(dir, 'events.sqlite') });
    appends = ledgerEvents({ events: 3_000 });
    schema = `live_${randomUUID().replaceAll('-', '')}`;
    live = openPostgresTestReadStore(schema);
    opened.push(live);
  });
  afterEach(async () => {
    // An interrupted build keeps its shadow schema; the test's own schemas go with their stores.
    await sql`drop schema if exists ${sql.id(shadowSchemaOf(schema, 'grant-register'))} cascade`.execute(
      live.db,
    );
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await events.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('given live tables a bug left wrong and a worker projecting while events arrive, when rebuilt, then the tables equal a fresh build and the worker goes on applying each new event once', async () => {
    const head = await append(appends.slice(0, 2_000));
    const worker = new ProjectionRunner(events, live, PROJECTIONS, { logger: quiet, batchSize: 50 });
    await worker.start();
    expect(await worker.waitFor(head, undefined, 60_000)).toBe(true);
    // A projection bug: every payment was lost from the register.
    await sql`update grant_register set amount_paid = 0, outstanding = amount_awarded`.execute(live.db);

    const progress: RebuildProgress[] = [];
    const arriving = append(appends.slice(2_000));
    const [result] = await rebuildPostgresProjections(
      events,
      { connectionString: postgresTestUrl(), schema },
      PROJECTIONS,
      ['grant-register'],
      { batchSize: 200, onProgress: (step) => progress.push(step) },
    );
    const finalHead = await arriving;
    expect(await worker.waitFor(finalHead, undefined, 60_000)).toBe(true);
    await worker.stop();

    expect(result).toMatchObject({ name: 'grant-register', status: 'Success' });
    expect(progress.map((step) => step.phase)).toContain('switching');
    expect(progress.at(-1)?.phase).toBe('done');
    const rebuilt = await postgresRows(live.db, schema, GRANT_TABLES);
    expect(rebuilt['grant_register']?.length).toBeGreaterThan(0);
    expect(rebuilt).toEqual(await freshRows(finalHead, GRANT_TABLES));
    // The audit trail, not rebuilt, was left as it was: still one row per event.
    const audit = await sql<{ n: number }>`select count(*) as n from audit_events`.execute(live.db);
    expect(audit.rows[0]?.n).toBe(Number(finalHead));
    const shadow = await sql<{ found: string | null }>`
      select to_regnamespace(${shadowSchemaOf(schema, 'grant-register')})::text as found`.execute(live.db);
    expect(shadow.rows[0]?.found).toBeNull();
  }, 180_000);

  test('given a worker holding the lease of a projection that failed on a new version, when rebuilt, then the worker resumes it by itself', async () => {
    const head = await append(appends.slice(0, 500));
    const before = new ProjectionRunner(events, live, PROJECTIONS, { logger: quiet });
    await before.start();
    expect(await before.waitFor(head, undefined, 60_000)).toBe(true);
    await before.stop();
    // The deploy of version 2: its checkpoints are version 1's, so it stops and asks for a rebuild.
    const v2: Projection<unknown> = { ...anyProjection(grantRegisterProjection), version: 2 };
    const leases = openAdvisoryLeases({ connectionString: postgresTestUrl(), scope: schema });
    const worker = new ProjectionRunner(events, live, [v2], { logger: quiet, leases, leaseRetryMs: 100 });
    try {
      await worker.start();
      const failed = (await worker.status())[0];
      expect(failed).toMatchObject({ status: 'failed', version: 1 });
      expect(failed?.error?.message).toContain('is now version 2: rebuild it');

      const [result] = await rebuildPostgresProjections(
        events,
        { connectionString: postgresTestUrl(), schema },
        [v2],
        ['grant-register'],
      );
      const next = await append(appends.slice(500, 600));

      expect(result?.status).toBe('Success');
      // The holder looks every leaseRetryMs; waitFor answers false at once while it is still failed.
      const deadline = Date.now() + 10_000;
      while ((await worker.status())[0]?.status !== 'running' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await worker.waitFor(next, undefined, 30_000)).toBe(true);
      expect((await worker.status())[0]).toMatchObject({ status: 'running', version: 2, position: next });
    } finally {
      await worker.stop();
      await leases.close();
    }
  }, 120_000);

  test('given a rebuild interrupted part way, when run again, then it continues from its own checkpoint and switches in', async () => {
    const head = await append(appends);
    const stop = new AbortController();
    const target = { connectionString: postgresTestUrl(), schema };
    const [first] = await rebuildPostgresProjections(events, target, PROJECTIONS, ['grant-register'], {
      batchSize: 500,
      signal: stop.signal,
      onProgress: (step) => {
        if (step.done >= 1_000) stop.abort();
      },
    });
    const [second] = await rebuildPostgresProjections(events, target, PROJECTIONS, ['grant-register'], {
      batchSize: 500,
    });

    expect(first?.error?.code).toBe('REBUILD.INTERRUPTED');
    expect(second).toMatchObject({ status: 'Success', position: head });
    expect(second?.events).toBeLessThan(Number(head));
    expect(await postgresRows(live.db, schema, GRANT_TABLES)).toEqual(await freshRows(head, GRANT_TABLES));
  }, 180_000);

  test('given a rebuild of the projection running elsewhere, when another is asked for, then it is refused and nothing is switched', async () => {
    await append(appends.slice(0, 100));
    const leases = openAdvisoryLeases({ connectionString: postgresTestUrl(), scope: schema });
    const held = await leases.tryAcquire('rebuild:grant-register');
    try {
      const results = await rebuildPostgresProjections(
        events,
        { connectionString: postgresTestUrl(), schema },
        PROJECTIONS,
        ['grant-register', 'no-such-projection'],
      );
      expect(held).toBeDefined();
      expect(results.map((result) => [result.name, result.status, result.error?.code])).toEqual([
        ['grant-register', 'Error', 'REBUILD.ALREADY_RUNNING'],
        ['no-such-projection', 'Error', 'REBUILD.UNKNOWN_PROJECTION'],
      ]);
    } finally {
      await leases.close();
    }
  });
});
