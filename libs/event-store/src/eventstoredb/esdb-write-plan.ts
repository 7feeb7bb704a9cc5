import type { AppendResult, ExpectedRevision, NewEvent, Position, StreamWrite } from '../port.js';
import { inCategories } from './esdb-categories.js';
import { eventIdsFor } from './esdb-event-ids.js';
import { chainEvents, type StreamHead } from './esdb-hash-chain.js';
import { comparePositions } from './esdb-positions.js';
import { validateWrites as validateShape } from '../validate-writes.js';

/**
 * A new event with the id it will be stored under and its hash, chained from the stream's head as
 * observed when planning: what a plan records, so a retry writes the same events, hashes included.
 */
export type PlannedEvent = NewEvent & { readonly eventId: string; readonly hash: string };

/**
 * One stream's part of an append, as planned: the revision observed up front tells where to look
 * later, and is the revision the write is sent pinned to (its hashes chain from that revision's event).
 */
export interface PlannedWrite {
  readonly stream: string;
  readonly expectedRevision: ExpectedRevision;
  /** The stream's revision when the plan was made (-1: no stream); the write lands after it. */
  readonly observedRevision: number;
  readonly events: readonly PlannedEvent[];
}

/** Where one write landed: the revision and position of its last event. */
export interface WriteOutcome {
  readonly stream: string;
  readonly revision: number;
  readonly position: Position;
}

/**
 * Refuses malformed appends before anything is read or written: they are programming errors, not
 * conflicts. A stream outside the categories is refused too: nothing would ever read it back.
 */
export function validateWrites(writes: readonly StreamWrite[], categories: readonly string[]): void {
  validateShape(writes);
  for (const { stream } of writes) {
    if (!inCategories(stream, categories)) {
      throw new Error(`Stream ${stream} is outside this store's categories (${categories.join(', ')})`);
    }
  }
}

/**
 * Gives every event its id (see `eventIdsFor`) and its hash, chained from the head of its stream
 * observed up front, and records the revisions observed.
 */
export function planWrites(
  writes: readonly StreamWrite[],
  observed: readonly StreamHead[],
  commandId: string | undefined,
): PlannedWrite[] {
  return writes.map((write, index) => {
    const ids = eventIdsFor(write.events, write.stream, commandId);
    const head = observed[index];
    if (head === undefined) throw new Error(`No observed head for the write to ${write.stream}`);
    const events = write.events.map((event, n) => ({ ...event, eventId: ids[n] ?? '' }));
    return {
      stream: write.stream,
      expectedRevision: write.expectedRevision,
      observedRevision: head.revision,
      events: chainEvents(write.stream, head, events),
    };
  });
}

/**
 * The order the writes go to the server in, as indices into `writes`. EventStoreDB checks each
 * stream's revision only as that stream is written, so the write most likely to be refused goes
 * first, where a refusal still leaves nothing written: streams of the `leading` categories (the
 * consistency boundaries of ADR 0002, in the order given), then exact revisions of existing streams,
 * then streams to be created, then `any` (refused only when the stream moved since it was observed,
 * and then observed again and retried). Ties keep the caller's order.
 */
export function executionOrder(writes: readonly PlannedWrite[], leading: readonly string[]): number[] {
  const rank = (write: PlannedWrite): [number, number] => {
    const boundary = leading.findIndex((category) => write.stream.startsWith(`${category}-`));
    return [boundary === -1 ? leading.length : boundary, revisionRank(write.expectedRevision)];
  };
  return writes
    .map((write, index) => ({ index, rank: rank(write) }))
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.index - b.index)
    .map(({ index }) => index);
}

function revisionRank(expected: ExpectedRevision): number {
  if (expected === 'any') return 2;
  return expected === 'no-stream' || expected === -1 ? 1 : 0;
}

/** The port's result, in the caller's order of writes, whatever order they were executed in. */
export function appendResult(
  writes: readonly PlannedWrite[],
  outcomes: readonly WriteOutcome[],
): Omit<AppendResult, 'replayed'> {
  const last = outcomes.reduce<WriteOutcome | undefined>(
    (latest, outcome) =>
      latest === undefined || comparePositions(outcome.position, latest.position) > 0 ? outcome : latest,
    undefined,
  );
  if (last === undefined || outcomes.length !== writes.length) {
    throw new Error('An append result needs one outcome per write');
  }
  return {
    streams: outcomes.map(({ stream, revision }) => ({ stream, revision })),
    position: last.position,
    eventIds: writes.flatMap((write) => write.events.map((event) => event.eventId)),
  };
}
