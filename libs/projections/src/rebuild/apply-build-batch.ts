import type { RecordedEvent } from '@ledger/event-store';
import type { SqliteBuildStore, SyncStatements } from '@ledger/read-store';
import type { BatchApplier } from '../projection.js';
import type { AnyProjection } from '../registry.js';
import { applyBatch, nextCheckpoint } from '../runner/apply-batch.js';
import type { Checkpoint } from '../runner/checkpoint.js';
import { CheckpointConflictError } from '../runner/checkpoint-repository.js';
import { type RunnerTables, toRow } from '../runner/checkpoint-table.js';

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
  error_message = ?, error_event_id = ?, error_position = ?, events_applied = ?, updated_at = ?
  where name = ? and position is ?`;

/**
 * `applyBatch` for a build: the same outcome (rows and checkpoint in ONE transaction; when a
 * handler throws, the events before it applied and the projection 'failed' at it), through the
 * projection's synchronous `sqliteBatch` when it has one, else through its handler.
 *
 * @example
 * checkpoint = await applyBuildBatch(shadow.store, projection, checkpoint, batch, clock);
 */
export async function applyBuildBatch(
  store: SqliteBuildStore<RunnerTables>,
  projection: AnyProjection,
  current: Checkpoint,
  batch: readonly RecordedEvent[],
  clock: () => Date,
): Promise<Checkpoint> {
  const applier = projection.sqliteBatch;
  if (applier === undefined) return applyBatch(store.db, projection, current, batch, clock);
  const handled = handledTypes(projection);
  let events = batch;
  let failure: ApplierFailure | undefined;
  for (;;) {
    const next = nextCheckpoint(current, events, handled, failure);
    const { sync } = store;
    sync.begin();
    try {
      applyAll(applier(sync), events, handled);
      moveCheckpoint(sync, current, next, clock());
      sync.commit();
      return next;
    } catch (error) {
      sync.rollback();
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

/** `moveCheckpoint`, run synchronously in the build's transaction. */
function moveCheckpoint(sync: SyncStatements, previous: Checkpoint, next: Checkpoint, now: Date): void {
  const row = toRow(next, now);
  const changed = sync.run(
    MOVE_CHECKPOINT,
    row.version,
    row.position,
    row.status,
    row.error_message,
    row.error_event_id,
    row.error_position,
    row.events_applied,
    row.updated_at,
    previous.name,
    previous.position ?? null,
  );
  if (changed !== 1) throw new CheckpointConflictError(previous.name);
}
