import type { Kysely } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store';
import type { Synchronously, SyncStatements } from '@ledger/read-store';
import type { BatchApplier } from '../projection.js';
import type { AnyProjection } from '../registry.js';
import { applyBatch, nextCheckpoint } from './apply-batch.js';
import type { Checkpoint } from './checkpoint.js';
import { CheckpointConflictError } from './checkpoint-repository.js';
import { type RunnerTables, toRow } from './checkpoint-table.js';

/** A handler threw: which event of the batch, and what it threw. */
class ApplierFailure extends Error {
  constructor(
    readonly index: number,
    readonly event: RecordedEvent,
    readonly reason: unknown,
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

const MOVE_CHECKPOINT = `update projection_checkpoints set version = ?, position = ?, status = ?,
  error_message = ?, error_event_id = ?, error_position = ?, error_event_type = ?, events_applied = ?,
  updated_at = ? where name = ? and position is ?`;

/** Where the runner applies a batch: the read store's Kysely, and its synchronous path if it has one. */
export interface BatchTarget {
  readonly db: Kysely<RunnerTables>;
  /** The embedded store's `ReadStore.synchronously`; absent on PostgreSQL. */
  readonly synchronously?: Synchronously | undefined;
}

/**
 * `applyBatch` through the projection's synchronous `sqliteBatch` when both it and the store have
 * one (the embedded store), else through its handler and Kysely (`applyBatch`). The outcome is the
 * same either way: rows and checkpoint in ONE transaction, and when a handler throws, the events
 * before it applied and the projection 'failed' at it.
 *
 * @example
 * checkpoint = await applyBatchOn({ db, synchronously }, projection, checkpoint, batch, clock);
 */
export function applyBatchOn(
  target: BatchTarget,
  projection: AnyProjection,
  current: Checkpoint,
  batch: readonly RecordedEvent[],
  clock: () => Date,
): Promise<Checkpoint> {
  const applier = projection.sqliteBatch;
  const { synchronously } = target;
  if (applier === undefined || synchronously === undefined) {
    return applyBatch(target.db, projection, current, batch, clock);
  }
  return synchronously((sql) => applySyncBatch(sql, projection, applier, current, batch, clock));
}

/**
 * `applyBatch`'s loop, synchronously, on a SQLite connection nothing else is using meanwhile: the
 * batch through `applier` and the checkpoint moved (compare-and-set, as `moveCheckpoint` does) in
 * one BEGIN…COMMIT. When the applier throws, that rolls back and the events before the failing one
 * are applied again, leaving the projection 'failed' at it. Any other error (a checkpoint moved
 * under it, a full disk) rolls back and is thrown.
 */
export function applySyncBatch(
  sql: SyncStatements,
  projection: AnyProjection,
  applier: (sql: SyncStatements) => BatchApplier,
  current: Checkpoint,
  batch: readonly RecordedEvent[],
  clock: () => Date,
): Checkpoint {
  const handled = handledTypes(projection);
  let events = batch;
  let failure: ApplierFailure | undefined;
  for (;;) {
    const next = nextCheckpoint(current, events, handled, failure);
    sql.begin();
    try {
      applyAll(applier(sql), events, handled);
      moveCheckpoint(sql, current, next, clock());
      sql.commit();
      return next;
    } catch (error) {
      sql.rollback();
      if (!(error instanceof ApplierFailure)) throw error;
      // Strictly shorter each time, so this ends, at worst with an empty prefix.
      failure = error;
      events = events.slice(0, error.index);
    }
  }
}

const handledByProjection = new WeakMap<AnyProjection, ReadonlySet<string>>();

function handledTypes(projection: AnyProjection): ReadonlySet<string> {
  let handled = handledByProjection.get(projection);
  if (handled === undefined) {
    handled = new Set(projection.eventTypes);
    handledByProjection.set(projection, handled);
  }
  return handled;
}

function applyAll(applier: BatchApplier, events: readonly RecordedEvent[], handled: ReadonlySet<string>) {
  for (let index = 0; index < events.length; index += 1) {
    const event = events[index] as RecordedEvent;
    if (!handled.has(event.type)) continue;
    try {
      applier.apply(event);
    } catch (reason) {
      throw new ApplierFailure(index, event, reason);
    }
  }
  applier.flush();
}

/** `moveCheckpoint`, run synchronously in the batch's transaction. */
function moveCheckpoint(sql: SyncStatements, previous: Checkpoint, next: Checkpoint, now: Date): void {
  const row = toRow(next, now);
  const changed = sql.run(
    MOVE_CHECKPOINT,
    row.version,
    row.position,
    row.status,
    row.error_message,
    row.error_event_id,
    row.error_position,
    row.error_event_type,
    row.events_applied,
    row.updated_at,
    previous.name,
    previous.position ?? null,
  );
  if (changed !== 1) throw new CheckpointConflictError(previous.name);
}
