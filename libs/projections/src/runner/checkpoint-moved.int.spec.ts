import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import type { Kysely } from 'kysely';
import { openSqliteEventStore, type SqliteEventStore } from '@ledger/event-store';
import type { ReadStore } from '@ledger/read-store';
import { openTestReadStore } from '@ledger/testing';
import { anyProjection } from '../registry.js';
import type { RunnerTables } from './checkpoint-table.js';
import { ProjectionRunner } from './projection-runner.js';
import { amountRecorded } from './testing/test-events.js';
import { amountSum, type TestTables } from './testing/test-projections.js';

const WAIT_MS = 5000;

describe('ProjectionRunner when its checkpoint is moved under it', () => {
  let dir: string;
  let events: SqliteEventStore;
  let read: ReadStore<TestTables & RunnerTables>;
  let runner: ProjectionRunner<TestTables & RunnerTables>;
  const logged: string[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-runner-moved-'));
    events = openSqliteEventStore({ file: join(dir, 'events.sqlite') });
    read = openTestReadStore({ file: join(dir, 'read.sqlite') });
    const logger = { log: (m: string) => logged.push(m), error: (m: string) => logged.push(m) };
    runner = new ProjectionRunner(events, read, [anyProjection(amountSum)], { logger });
  });
  afterEach(async () => {
    await runner.stop();
    await read.close();
    await events.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** What a rebuild's switch does: other rows, and the checkpoint with them, in one transaction. */
  const switchTo = (stream: string, position: string, total: number, applied: number) =>
    read.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('test_amount_totals').execute();
      await trx.insertInto('test_amount_totals').values({ stream, total, events: applied }).execute();
      const checkpoints = trx as unknown as Kysely<RunnerTables>;
      await checkpoints
        .updateTable('projection_checkpoints')
        .set({ position, events_applied: applied })
        .where('name', '=', amountSum.name)
        .execute();
    });

  test('given a running projection whose rows and checkpoint were switched, when the next batch finds the checkpoint moved, then the runner goes on from the switched checkpoint instead of failing', async () => {
    const stream = `s-${randomUUID()}`;
    await runner.start();
    const four = (await events.appendToStream(stream, 'any', [1, 2, 3, 4].map(amountRecorded))).position;
    expect(await runner.waitFor(four, undefined, WAIT_MS)).toBe(true);
    // As rebuilt: the first two amounts counted a hundred times each.
    await switchTo(stream, '2', 300, 2);

    const five = (await events.appendToStream(stream, 'any', [amountRecorded(5)])).position;

    expect(await runner.waitFor(five, undefined, WAIT_MS)).toBe(true);
    expect(await read.db.selectFrom('test_amount_totals').selectAll().execute()).toEqual([
      { stream, total: 300 + 3 + 4 + 5, events: 5 },
    ]);
    expect((await runner.status())[0]).toMatchObject({ status: 'running', position: five, eventsApplied: 5 });
    expect(logged.some((message) => message.includes('checkpoint was moved'))).toBe(true);
  });
});
