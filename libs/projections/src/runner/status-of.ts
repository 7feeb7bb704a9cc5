import type { Position } from '@ledger/event-store';
import type { Checkpoint } from './checkpoint.js';
import type { ProjectionStatus } from './projection-status.js';

/** A projection's status from its checkpoint and the head of the log. */
export function statusOf(
  checkpoint: Checkpoint,
  head: Position | undefined,
  compare: (a: Position, b: Position) => number,
): ProjectionStatus {
  const { name, version, status, position, eventsApplied, error } = checkpoint;
  const upToDate = head === undefined || (position !== undefined && compare(position, head) >= 0);
  return {
    name,
    version,
    status,
    position,
    eventsApplied,
    ...(error === undefined ? {} : { error }),
    headPosition: head,
    upToDate,
  };
}
