import { randomUUID } from 'node:crypto';
import type { EventStore } from '@ledger/event-store';
import { type LockHolder, lockOwner, type SqliteExclusiveWriter } from '@ledger/read-store';
import { RebuildLock } from './rebuild-lock.js';
import type { RebuildOptions, RebuildResult } from './rebuild-result.js';
import { failedResult, refusedResult, since } from './rebuild-results.js';
import type { RebuildRun, SwitchingRun } from './shadow-builder.js';

/**
 * Events per build transaction. A build commits rows and checkpoint together per batch, so a
 * larger batch means fewer commits (and fewer reads of the log) for the same crash safety.
 */
const DEFAULT_BATCH_SIZE = 4000;

/** The settings every projection's build in one call shares. */
export function rebuildRun<W extends SqliteExclusiveWriter<unknown> | undefined>(
  eventStore: EventStore,
  liveFile: string,
  writer: W,
  options: RebuildOptions,
): RebuildRun & { readonly writer: W } {
  return {
    eventStore,
    liveFile,
    writer,
    owner: lockOwner(randomUUID()),
    batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
    clock: options.clock ?? (() => new Date()),
    signal: options.signal,
    onProgress: options.onProgress ?? (() => undefined),
  };
}

/** Takes the projection's lock, or answers why not (who holds it: REBUILD.ALREADY_RUNNING). */
export async function takeRebuildLock(run: SwitchingRun, name: string): Promise<RebuildLock | RebuildResult> {
  const started = performance.now();
  let lock: RebuildLock | LockHolder;
  try {
    lock = await RebuildLock.take(run.writer, name, run.owner, run.clock);
  } catch (error) {
    return failedResult(name, 0, since(started), error);
  }
  return lock instanceof RebuildLock ? lock : refusedResult(name, lock, since(started));
}

/** Runs `work` under the projection's lock, or answers who holds it (REBUILD.ALREADY_RUNNING). */
export async function withRebuildLock<R extends RebuildResult>(
  run: SwitchingRun,
  name: string,
  work: (lock: RebuildLock) => Promise<R>,
): Promise<R | RebuildResult> {
  const lock = await takeRebuildLock(run, name);
  if (!(lock instanceof RebuildLock)) return lock;
  try {
    return await work(lock);
  } finally {
    // An unreleased lock only delays the next run until it expires (or sees this process gone).
    await lock.release().catch(() => undefined);
  }
}
