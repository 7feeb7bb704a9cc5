import type { EventStore, Position } from '@ledger/event-store';
import { positionAt } from './position-at.js';

/**
 * An ISO 8601 instant with a time and a zone. A bare date is refused: "as at 15 October" could mean
 * its first or its last moment, and a funder's figures must not depend on a guess.
 */
export const AS_AT_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An `asAt` that names no moment of this ledger: not a position or timestamp, or past its head. */
export class AsAtError extends Error {
  constructor(
    readonly asAt: string,
    message: string,
  ) {
    super(message);
    this.name = 'AsAtError';
  }
}

/**
 * Turns a client's `asAt` (a position of this store, or an ISO 8601 timestamp) into the position the
 * answer is computed at: the position itself, or the last event recorded at or before the instant
 * (undefined when none was). A position past the head of the log is refused: that ledger does not
 * exist yet, and an answer for it would change as events arrive.
 *
 * @example
 * await resolveAsAt(store, '1041'); // '1041'
 * await resolveAsAt(store, '2018-10-15T12:00:00Z'); // the last position recorded by then
 */
export async function resolveAsAt(store: EventStore, asAt: string): Promise<Position | undefined> {
  const position = store.parsePosition(asAt);
  if (position !== undefined) {
    await assertNotPastHead(store, asAt, position);
    return position;
  }
  if (AS_AT_TIMESTAMP.test(asAt) && !Number.isNaN(Date.parse(asAt))) return positionAt(store, asAt);
  throw new AsAtError(
    asAt,
    'asAt must be a ledger position or an ISO 8601 timestamp with a time zone, such as 2018-10-15T12:00:00Z',
  );
}

/**
 * Throws AsAtError when `position` is past the head of the log (or the log is empty).
 *
 * @example
 * await assertNotPastHead(store, '99999', '99999' as Position); // AsAtError: past the head
 */
export async function assertNotPastHead(store: EventStore, asAt: string, position: Position): Promise<void> {
  const head = await store.headPosition();
  if (head === undefined) throw new AsAtError(asAt, `asAt ${asAt} is past the head: the ledger is empty`);
  if (store.comparePositions(position, head) > 0) {
    throw new AsAtError(asAt, `asAt ${asAt} is past the head of the ledger (position ${head})`);
  }
}
