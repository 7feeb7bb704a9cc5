import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { openSqliteEventStore, type SqliteEventStore } from '@ledger/event-store';
import {
  lockOwner,
  openSqliteExclusiveWriter,
  openSqliteReadStore,
  type ReadStore,
  type ReadStoreLockTables,
  tryAcquireLock,
} from '@ledger/read-store';
import { anyProjection } from '../registry.js';
import { ProjectionRunner } from '../runner/projection-runner.js';
import { RUNNER_MIGRATIONS } from '../runner/checkpoint-table.js';
import { rebuildProjections } from './rebuild-projections.js';
import type { RebuildProgress } from './rebuild-result.js';
import { shadowCheckpoint, shadowFileOf } from './shadow-store.js';
import { readEverything } from './testing/read-everything.js';
import { expectedRows, type SnapshotTables, storedRows } from './testing/read-model-snapshot.js';
import { appendTestEvents } from './testing/rebuild-test-events.js';
import { TOTALS_NAME, totalsProjection } from './testing/rebuild-test-projections.js';

const EVENTS = 3_000;
const quietLogger = { log: (): void => undefined, error: (): void => undefined };
const version = (weight: number, failOn?: number) => [anyProjection(totalsProjection(weight, failOn))];

describe('rebuildProjections', () => {
  let dir: string;
  let events: SqliteEventStore;
  let readFile: string;
  let live: ReadStore<SnapshotTables>;

  const rebuild = (weight = 2, options: Parameters<typeof rebuildProjections>[4] = {}, failOn?: number) =>
    rebuildProjections(events, readFile, version(weight, failOn), [TOTALS_NAME], options);
  /** Holds the projection's lock as another run would. */
  const holdLock = async (owner: ReturnType<typeof lockOwner>, ttlMs = 60_000) => {
    await live.migrate(RUNNER_MIGRATIONS);
    const writer = openSqliteExclusiveWriter<ReadStoreLockTables>(readFile);
    const request = { name: `projection:${TOTALS_NAME}`, owner, purpose: 'rebuild', ttlMs, now: new Date() };
    await writer.write((trx) => tryAcquireLock(trx, request));
    writer.close();
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-rebuild-'));
    events = openSqliteEventStore({ file: join(dir, 'events.sqlite') });
    readFile = join(dir, 'read.sqlite');
    live = openSqliteReadStore<SnapshotTables>({ file: readFile });
    await appendTestEvents(events, EVENTS);
  });
  afterEach(async () => {
    await live.close();
    await events.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('given a projection another process is rebuilding, when rebuilt, then the result is ALREADY_RUNNING naming the holder and nothing is built', async () => {
    await holdLock({ id: 'other-run', host: 'elsewhere', pid: 4242 });

    const [result] = await rebuild();

    expect(result).toMatchObject({
      name: TOTALS_NAME,
      status: 'Error',
      events: 0,
      error: { code: 'REBUILD.ALREADY_RUNNING', holder: { host: 'elsewhere', pid: 4242 } },
    });
    expect(result?.error?.message).toContain('already being rebuilt by process 4242 on elsewhere');
    expect(existsSync(shadowFileOf(readFile, TOTALS_NAME))).toBe(false);
  });

  test('given two rebuilds of one projection at once in one process, when both run, then one succeeds and the other is refused', async () => {
    let second: ReturnType<typeof rebuild> | undefined;
    const onProgress = (): void => {
      second ??= rebuild();
    };

    const [first] = await rebuild(2, { onProgress });

    expect(first?.status).toBe('Success');
    expect((await second)?.[0]?.error?.code).toBe('REBUILD.ALREADY_RUNNING');
  });

  test('given a lock left by a killed process of this host, or an expired one, when rebuilt, then the lock is taken over', async () => {
    await holdLock({ ...lockOwner('dead-run'), pid: 2 ** 22 + 1 });
    expect((await rebuild())[0]?.status).toBe('Success');

    await holdLock({ id: 'stalled-run', host: 'elsewhere', pid: 1 }, -1);
    expect((await rebuild())[0]?.status).toBe('Success');
  });

  test('given a handler that fails on one event, when rebuilt, then the result names the event, the live tables are untouched, and a fixed handler continues from there', async () => {
    const failing = (await readEverything(events)).find((e) => (e.data as { amount?: number }).amount === 13);

    const [failed] = await rebuild(2, {}, 13);
    const progress: RebuildProgress[] = [];
    const [fixed] = await rebuild(2, { onProgress: (report) => progress.push(report) });

    expect(failed).toMatchObject({
      status: 'Error',
      error: { code: 'REBUILD.HANDLER_FAILED', eventId: failing?.eventId, position: failing?.globalPosition },
    });
    expect(failed?.error?.message).toContain('13 is refused');
    expect(progress[0]?.resumedFrom).toBe(Number(failing?.globalPosition) - 1);
    expect(fixed).toMatchObject({ status: 'Success', events: EVENTS - Number(failing?.globalPosition) + 1 });
    expect(await storedRows(live.db)).toEqual(expectedRows(await readEverything(events), 2));
  });

  test('given an abort signal raised during the build, when rebuilt, then it stops INTERRUPTED with the build kept, and later names are NotExecuted', async () => {
    const controller = new AbortController();
    const projections = [
      anyProjection(totalsProjection(2)),
      anyProjection({ ...totalsProjection(2), name: 'rebuild-test-twin', migrations: {} }),
    ];

    const results = await rebuildProjections(
      events,
      readFile,
      projections,
      [TOTALS_NAME, 'rebuild-test-twin'],
      {
        batchSize: 500,
        onProgress: (report) => {
          if (report.done >= 1000) controller.abort();
        },
        signal: controller.signal,
      },
    );

    expect(results).toMatchObject([
      { name: TOTALS_NAME, status: 'Error', error: { code: 'REBUILD.INTERRUPTED' } },
      { name: 'rebuild-test-twin', status: 'NotExecuted', events: 0 },
    ]);
    expect((await shadowCheckpoint(shadowFileOf(readFile, TOTALS_NAME), TOTALS_NAME))?.position).toBe('1000');
  });

  test('given an unknown name among known ones, when rebuilt, then it is an UNKNOWN_PROJECTION error and the others still run', async () => {
    const results = await rebuildProjections(events, readFile, version(2), ['no-such', TOTALS_NAME]);

    expect(results).toMatchObject([
      { name: 'no-such', status: 'Error', error: { code: 'REBUILD.UNKNOWN_PROJECTION' } },
      { name: TOTALS_NAME, status: 'Success', events: EVENTS },
    ]);
  });

  test('given a build left by an older version of the projection, when the new version is rebuilt, then it starts over from the start of the log', async () => {
    const controller = new AbortController();
    await rebuild(1, { signal: controller.signal, onProgress: () => controller.abort() });
    const progress: RebuildProgress[] = [];

    const [result] = await rebuild(2, { onProgress: (report) => progress.push(report) });

    expect(progress[0]?.resumedFrom).toBe(0);
    expect(result).toMatchObject({ status: 'Success', events: EVENTS });
    expect(await storedRows(live.db)).toEqual(expectedRows(await readEverything(events), 2));
  });

  test('given a live runner projecting while events keep coming, when the projection is rebuilt and switched under it, then the runner goes on from the switched checkpoint and ends equal to the model', async () => {
    const runner = new ProjectionRunner(events, live, version(2), { logger: quietLogger, batchSize: 100 });
    await runner.start();
    let appended = 0;
    const appending: Promise<unknown>[] = [];
    const onProgress = ({ phase }: RebuildProgress): void => {
      if (phase !== 'building' || appending.length === 10) return;
      appending.push(appendTestEvents(events, 50, EVENTS + appended));
      appended += 50;
    };

    const [result] = await rebuild(2, { onProgress, batchSize: 250 });
    await Promise.all(appending);
    const head = await appendTestEvents(events, 50, EVENTS + appended);

    expect(result?.status).toBe('Success');
    expect(await runner.waitFor(head, undefined, 10_000)).toBe(true);
    expect((await runner.status())[0]).toMatchObject({ status: 'running', position: head });
    await runner.stop();
    expect(await storedRows(live.db)).toEqual(expectedRows(await readEverything(events), 2));
  }, 30_000);
});
