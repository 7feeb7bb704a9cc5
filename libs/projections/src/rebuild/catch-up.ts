import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EventStore, RecordedEvent } from '@ledger/event-store';
import type { Kysely } from 'kysely';
import type { SqliteBuildStore } from '@ledger/read-store';
import type { AnyProjection } from '../registry.js';
import type { Checkpoint } from '../runner/checkpoint.js';
import { applyBatch } from '../runner/apply-batch.js';
import type { RunnerTables } from '../runner/checkpoint-table.js';
import { applyBuildBatch } from './apply-build-batch.js';
import { RebuildFailure } from './rebuild-result.js';

export interface CatchUpContext {
  readonly eventStore: EventStore;
  readonly projection: AnyProjection;
  readonly batchSize: number;
  readonly clock: () => Date;
  readonly signal: AbortSignal | undefined;
  /** After each committed batch: the lock's heartbeat, progress. */
  readonly afterBatch: (checkpoint: Checkpoint) => Promise<void>;
}

export interface CaughtUp {
  readonly checkpoint: Checkpoint;
  /** The event `stopBefore` stopped at, not applied; undefined when the head was reached. */
  readonly stoppedAt: RecordedEvent | undefined;
}

/**
 * Applies every event after the build's checkpoint up to the head of the log as it stands when the
 * reading gets there (or up to the first event `stopBefore` picks), each batch in one transaction
 * with the build's checkpoint (the runner's `applyBatch`), so a run killed at any point leaves a
 * build the next run continues.
 *
 * @example
 * const { checkpoint } = await catchUp(context, shadow.store, shadow.checkpoint);
 */
export async function catchUp(
  context: CatchUpContext,
  /** A SQLite build (its projections' fast path when they have one), or any Kysely database. */
  target: SqliteBuildStore<RunnerTables> | Kysely<RunnerTables>,
  from: Checkpoint,
  stopBefore: (event: RecordedEvent) => boolean = () => false,
): Promise<CaughtUp> {
  const { eventStore, projection, batchSize, clock, signal } = context;
  const apply = (current: Checkpoint, batch: readonly RecordedEvent[]): Promise<Checkpoint> =>
    'sync' in target
      ? applyBuildBatch(target, projection, current, batch, clock)
      : applyBatch(target, projection, current, batch, clock);
  let checkpoint = from;
  for (;;) {
    if (signal?.aborted === true) throw interrupted(checkpoint);
    const read = await eventStore.readAll({ after: checkpoint.position, maxCount: batchSize });
    const stop = read.findIndex(stopBefore);
    const batch = stop === -1 ? read : read.slice(0, stop);
    // Every event of the log goes through the handler again. Handlers write only their own tables
    // (none has a side effect outside the read store today); one that did, such as sending mail,
    // would have to be kept out of a rebuild, or it would fire a second time for every event.
    if (batch.length > 0) checkpoint = await apply(checkpoint, batch);
    if (checkpoint.status === 'failed') throw handlerFailed(projection.name, checkpoint);
    if (batch.length > 0) await context.afterBatch(checkpoint);
    if (stop !== -1 || read.length === 0) return { checkpoint, stoppedAt: read[stop] };
    // Readers sharing the process (an api) get their turn between batches.
    await nextTurn();
  }
}

export function interrupted(checkpoint: Checkpoint): RebuildFailure {
  const at = checkpoint.position ?? 'the start';
  return new RebuildFailure({
    code: 'REBUILD.INTERRUPTED',
    message: `Interrupted at position ${at}; the next rebuild continues from there.`,
  });
}

export function handlerFailed(name: string, checkpoint: Checkpoint): RebuildFailure {
  const { error } = checkpoint;
  return new RebuildFailure({
    code: 'REBUILD.HANDLER_FAILED',
    message: `Projection "${name}" failed at event ${error?.eventId ?? '?'} (position ${error?.position ?? '?'}): ${error?.message ?? ''}. The build is kept up to the event before; after a fix, rebuild again to continue from there.`,
    ...(error?.eventId === undefined ? {} : { eventId: error.eventId }),
    ...(error?.position === undefined ? {} : { position: error.position }),
  });
}
