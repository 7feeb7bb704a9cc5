/**
 * A reader in a thread of its own for the rebuild test, run from the build: it snapshots the test
 * read model as fast as it can, truly at the same time as the rebuild (also while the switch's
 * transaction is open), until the main thread raises the flag, then posts what it saw: each run of
 * equal snapshots once, with how many times it was seen, and every error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { ModelSnapshot } from './read-model-snapshot.js';

export interface SnapshotRun {
  readonly snapshot: ModelSnapshot;
  readonly times: number;
}

export interface SnapshotWorkerData {
  readonly file: string;
  /** One Int32: the worker stops once it is not 0. */
  readonly stop: SharedArrayBuffer;
}

interface Figures {
  rows: number;
  sum: number | null;
}

const PAUSE_MS = 1;

const { file, stop } = workerData as SnapshotWorkerData;
const flag = new Int32Array(stop);
const db = new Database(file, { readonly: true, timeout: 5000 });
const totals = db.prepare<[], Figures>('select count(*) as rows, sum(total) as sum from rebuild_test_totals');
const log = db.prepare<[], Figures>('select count(*) as rows, sum(weighted) as sum from rebuild_test_log');
const checkpoint = db.prepare<[], { version: number; position: string | null }>(
  "select version, position from projection_checkpoints where name = 'rebuild-test-totals'",
);
const snapshot = db.transaction((): ModelSnapshot => {
  const [t, l, c] = [totals.get(), log.get(), checkpoint.get()];
  return {
    version: c?.version,
    position: c?.position,
    streams: t?.rows ?? 0,
    total: t?.sum ?? 0,
    logRows: l?.rows ?? 0,
    logWeighted: l?.sum ?? 0,
  };
});

const runs: { snapshot: ModelSnapshot; times: number }[] = [];
const errors: string[] = [];
while (Atomics.load(flag, 0) === 0) {
  try {
    const seen = snapshot();
    const last = runs.at(-1);
    if (last !== undefined && JSON.stringify(last.snapshot) === JSON.stringify(seen)) last.times += 1;
    else runs.push({ snapshot: seen, times: 1 });
  } catch (error) {
    errors.push(error instanceof Error ? error.message : String(error));
  }
  // A millisecond's rest leaves the rebuild a core on a small machine; still hundreds of reads a second.
  Atomics.wait(flag, 0, 0, PAUSE_MS);
}
db.close();
parentPort?.postMessage({ runs, errors });
