import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { openSqliteEventStore, type SqliteEventStore } from '@ledger/event-store';
import { openSqliteReadStore, type ReadStore } from '@ledger/read-store';
import { anyProjection } from '../registry.js';
import { rebuildProjections } from './rebuild-projections.js';
import type { RebuildProgress } from './rebuild-result.js';
import { shadowFileOf } from './shadow-store.js';
import { readEverything } from './testing/read-everything.js';
import { appendTestEvents } from './testing/rebuild-test-events.js';
import { totalsProjection, TOTALS_NAME } from './testing/rebuild-test-projections.js';
import {
  expectedRows,
  type ModelSnapshot,
  readSnapshot,
  type SnapshotTables,
  storedRows,
} from './testing/read-model-snapshot.js';
import type { SnapshotRun, SnapshotWorkerData } from './testing/snapshot-worker.js';

// The reader thread runs from the build: a worker cannot load TypeScript on Node 20.
const WORKER = fileURLToPath(
  new URL('../../../../dist/libs/projections/src/rebuild/testing/snapshot-worker.js', import.meta.url),
);

const OLD_EVENTS = 1_000;
const EVENTS = 100_000;
const APPENDED_DURING = 500;
const version1 = [anyProjection(totalsProjection(1))];
const version2 = [anyProjection(totalsProjection(2))];

/** Snapshots the read model in another thread, truly concurrently, until stopped. */
function readerThread(file: string) {
  const stop = new SharedArrayBuffer(4);
  const worker = new Worker(WORKER, { workerData: { file, stop } satisfies SnapshotWorkerData });
  const report = new Promise<{ runs: SnapshotRun[]; errors: string[] }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    stop: async () => {
      const flag = new Int32Array(stop);
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
      return report;
    },
  };
}

/** Queries the read model in this process, as the api does, a turn of the event loop apart, until stopped. */
function queryLoop(db: ReadStore<SnapshotTables>['db']) {
  const seen: ModelSnapshot[] = [];
  const errors: unknown[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      try {
        seen.push(await readSnapshot(db));
      } catch (error) {
        errors.push(error);
      }
      await nextTurn();
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      return { seen, errors };
    },
  };
}

describe('rebuild while queries run', () => {
  let dir: string;
  let events: SqliteEventStore;
  let readFile: string;
  let reader: ReadStore<SnapshotTables>;

  beforeAll(async () => {
    if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run \`npm run build\` first`);
    dir = await mkdtemp(join(tmpdir(), 'ledger-rebuild-queries-'));
    events = openSqliteEventStore({ file: join(dir, 'events.sqlite') });
    readFile = join(dir, 'read.sqlite');
    await appendTestEvents(events, OLD_EVENTS);
    const [built] = await rebuildProjections(events, readFile, version1, [TOTALS_NAME]);
    expect(built).toMatchObject({ status: 'Success', events: OLD_EVENTS });
    await appendTestEvents(events, EVENTS - OLD_EVENTS, OLD_EVENTS);
    reader = openSqliteReadStore<SnapshotTables>({ file: readFile });
  }, 60_000);
  afterAll(async () => {
    await reader.close();
    await events.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('given version 1 built on the first 1,000 events, when version 2 is rebuilt over 100,000 with queries in a loop and events appended meanwhile, then no query fails or sees a mix, and the switched tables equal a model built from scratch', async () => {
    const old = await readSnapshot(reader.db);
    let appending: Promise<unknown> | undefined;
    const onProgress = (progress: RebuildProgress): void => {
      // Half way through, more events arrive: the rebuild must catch up with them before switching.
      if (appending === undefined && progress.done >= EVENTS / 2) {
        appending = appendTestEvents(events, APPENDED_DURING, EVENTS);
      }
    };
    const queries = queryLoop(reader.db);
    const thread = readerThread(readFile);
    const started = performance.now();

    const results = await rebuildProjections(events, readFile, version2, [TOTALS_NAME], { onProgress });

    const seconds = (performance.now() - started) / 1000;
    const { seen, errors } = await queries.stop();
    const { runs, errors: threadErrors } = await thread.stop();
    const now = await readSnapshot(reader.db);
    const head = await events.headPosition();
    expect(results).toEqual([
      {
        name: TOTALS_NAME,
        status: 'Success',
        events: EVENTS + APPENDED_DURING,
        ms: expect.any(Number),
        position: head,
      },
    ]);
    expect(errors).toEqual([]);
    expect(threadErrors).toEqual([]);
    expect(runs.map((run) => run.snapshot)).toEqual([old, now]);
    expect(now).toMatchObject({ version: 2, position: head });
    const firstNew = seen.findIndex((snapshot) => snapshot.version === 2);
    expect(seen.slice(0, firstNew === -1 ? seen.length : firstNew).every((s) => equal(s, old))).toBe(true);
    expect(seen.slice(firstNew === -1 ? seen.length : firstNew).every((s) => equal(s, now))).toBe(true);
    expect(await storedRows(reader.db)).toEqual(expectedRows(await readEverything(events), 2));
    expect(existsSync(shadowFileOf(readFile, TOTALS_NAME))).toBe(false);
    const threadQueries = runs.reduce((sum, run) => sum + run.times, 0);
    console.log(
      `rebuild of ${EVENTS + APPENDED_DURING} events: ${Math.round(seconds * 1000)} ms, ${Math.round((EVENTS + APPENDED_DURING) / seconds)} events/s; ` +
        `queries during it, none failed, each saw the old or the new model: ${seen.length} in process, ${threadQueries} in a thread`,
    );
  }, 120_000);
});

function equal(a: ModelSnapshot, b: ModelSnapshot): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
