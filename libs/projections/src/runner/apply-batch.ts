import type { Kysely, Transaction } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store';
import type { AnyProjection } from '../registry.js';
import type { Checkpoint } from './checkpoint.js';
import { moveCheckpoint } from './checkpoint-repository.js';
import type { RunnerTables } from './checkpoint-table.js';

/** A handler threw: which event of the batch, and what it threw. */
class HandlerFailure extends Error {
  constructor(
    readonly index: number,
    readonly event: RecordedEvent,
    readonly reason: unknown,
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

/**
 * Applies one delivered batch in ONE read-store transaction that also moves the checkpoint to the
 * batch's last position, so rows and checkpoint commit (or vanish) together. When a handler throws,
 * that transaction rolls back and the events before the failing one are applied again in a new
 * one, which leaves the checkpoint just before the failing event and the projection 'failed' with
 * the event's id and position: nothing after it is applied, nothing is skipped.
 *
 * @example
 * checkpoint = await applyBatch(db, projection, checkpoint, batch, clock);
 * if (checkpoint.status === 'failed') stopConsuming();
 */
export async function applyBatch(
  db: Kysely<RunnerTables>,
  projection: AnyProjection,
  current: Checkpoint,
  batch: readonly RecordedEvent[],
  clock: () => Date,
): Promise<Checkpoint> {
  const handled = new Set(projection.eventTypes);
  let events = batch;
  let failure: HandlerFailure | undefined;
  for (;;) {
    const next = nextCheckpoint(current, events, handled, failure);
    try {
      await db.transaction().execute(async (trx) => {
        await applyEvents(trx, projection, events, handled);
        await moveCheckpoint(trx, current, next, clock());
      });
      return next;
    } catch (error) {
      if (!(error instanceof HandlerFailure)) throw error;
      // Strictly shorter each time, so this ends, at worst with an empty prefix.
      failure = error;
      events = events.slice(0, error.index);
    }
  }
}

async function applyEvents(
  trx: Transaction<RunnerTables>,
  projection: AnyProjection,
  events: readonly RecordedEvent[],
  handled: ReadonlySet<string>,
): Promise<void> {
  // The handler writes its own tables in the same transaction; its table types were erased.
  const projectionTrx = trx as unknown as Transaction<unknown>;
  for (const [index, event] of events.entries()) {
    if (!handled.has(event.type)) continue;
    try {
      await projection.handle(projectionTrx, event);
    } catch (reason) {
      throw new HandlerFailure(index, event, reason);
    }
  }
}

/** The checkpoint after `events`, or 'failed' at the event `failure` names. */
export function nextCheckpoint(
  current: Checkpoint,
  events: readonly RecordedEvent[],
  handled: ReadonlySet<string>,
  failure: { readonly message: string; readonly event: RecordedEvent } | undefined,
): Checkpoint {
  return {
    ...current,
    position: events.at(-1)?.globalPosition ?? current.position,
    eventsApplied: current.eventsApplied + events.filter((event) => handled.has(event.type)).length,
    status: failure === undefined ? 'running' : 'failed',
    error:
      failure === undefined
        ? undefined
        : {
            message: failure.message,
            eventId: failure.event.eventId,
            eventType: failure.event.type,
            position: failure.event.globalPosition,
          },
  };
}
