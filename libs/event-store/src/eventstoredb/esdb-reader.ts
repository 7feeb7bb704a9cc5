import {
  BACKWARDS,
  END,
  type Position as EsdbPosition,
  FORWARDS,
  type ReadPosition,
  type ReadStreamOptions,
  START,
} from '@eventstore/db-client';
import type { Position, ReadStreamResult, RecordedEvent } from '../port.js';
import type { EsdbClient } from './esdb-client.js';
import { isLedgerEvent } from './esdb-categories.js';
import { type StoredEsdbEvent, storedHash, toRecordedEvent } from './esdb-envelope.js';
import { isStreamNotFound } from './esdb-errors.js';
import { NO_STREAM_HEAD, type StreamHead } from './esdb-hash-chain.js';
import { compareEsdbPositions, decodePosition, encodePosition } from './esdb-positions.js';
import { toRevision } from './esdb-revisions.js';
import type { WriteOutcome } from './esdb-write-plan.js';

const HEAD_PAGE = 100;
const MIN_PAGE = 100;
const MAX_PAGE = 2000;

type AllEvent = StoredEsdbEvent & { readonly position: EsdbPosition };

/**
 * The adapter's reads. `$all` holds every stream of the server, so reads of the whole log skip what
 * is not the ledger's (system events, other categories, idempotency records) and page until they
 * have what was asked for. A position is never assumed inclusive or exclusive by the server: events
 * at or before the cursor are dropped here.
 */
export class EsdbReader {
  constructor(
    private readonly client: EsdbClient,
    private readonly categories: readonly string[],
  ) {}

  /** The stream's current revision, -1 when it does not exist. */
  async revision(stream: string): Promise<number> {
    const last = await this.last(stream);
    return last === undefined ? -1 : toRevision(last.revision);
  }

  /**
   * The stream's current revision and the hash its next event chains to, in one read of its last
   * event. Throws, naming it, when that event carries no hash: nothing can be chained to it.
   */
  async streamHead(stream: string): Promise<StreamHead> {
    const last = await this.last(stream);
    return last === undefined
      ? NO_STREAM_HEAD
      : { revision: toRevision(last.revision), hash: storedHash(last) };
  }

  /** Without `maxCount` the revision is that of the last event read, so the two always agree. */
  async stream(
    stream: string,
    fromRevision: number,
    maxCount: number | undefined,
  ): Promise<ReadStreamResult> {
    const stored =
      maxCount === 0
        ? []
        : await this.events(stream, {
            fromRevision: BigInt(fromRevision),
            maxCount: maxCount ?? Number.MAX_SAFE_INTEGER,
          });
    if (stored === undefined) return { revision: -1, events: [] };
    const events = stored.map(toRecordedEvent);
    const last = events.at(-1);
    const readToEnd = maxCount === undefined || events.length < maxCount;
    const revision = readToEnd && last !== undefined ? last.streamRevision : await this.revision(stream);
    return { revision, events };
  }

  /** Up to `maxCount` ledger events after `after`, in log order. */
  async after(after: Position | undefined, maxCount: number): Promise<RecordedEvent[]> {
    const own: RecordedEvent[] = [];
    const pageSize = Math.min(Math.max(maxCount + 1, MIN_PAGE), MAX_PAGE);
    let cursor = after === undefined ? undefined : decodePosition(after);
    while (own.length < maxCount) {
      const page = await this.page(cursor ?? START, FORWARDS, pageSize);
      for (const event of page) {
        if (cursor !== undefined && compareEsdbPositions(event.position, cursor) <= 0) continue;
        if (isLedgerEvent(event, this.categories)) own.push(toRecordedEvent(event));
        if (own.length === maxCount) break;
      }
      const last = page.at(-1);
      if (last === undefined || page.length < pageSize) break;
      cursor = last.position;
    }
    return own;
  }

  /** The position of the last ledger event, undefined when there is none. */
  async head(): Promise<Position | undefined> {
    let cursor: EsdbPosition | undefined;
    for (;;) {
      const page = await this.page(cursor ?? END, BACKWARDS, HEAD_PAGE);
      const own = page.find(
        (event) =>
          (cursor === undefined || compareEsdbPositions(event.position, cursor) < 0) &&
          isLedgerEvent(event, this.categories),
      );
      if (own !== undefined) return encodePosition(own.position);
      const last = page.at(-1);
      if (last === undefined || page.length < HEAD_PAGE) return undefined;
      cursor = last.position;
    }
  }

  /** Where the event `eventId` of `stream` is, searching from `fromRevision` on; undefined when absent. */
  async find(stream: string, eventId: string, fromRevision: number): Promise<WriteOutcome | undefined> {
    const events = await this.events(stream, { fromRevision: BigInt(Math.max(fromRevision, 0)) });
    const event = events?.find((candidate) => candidate.id === eventId);
    return event === undefined ? undefined : outcomeOf(event);
  }

  /** The event at `revision` of `stream` when its id is `eventId`; undefined otherwise. */
  async at(stream: string, revision: number, eventId: string): Promise<WriteOutcome | undefined> {
    const [event] = (await this.events(stream, { fromRevision: BigInt(revision), maxCount: 1 })) ?? [];
    return event?.id === eventId ? outcomeOf(event) : undefined;
  }

  /** The last event of the stream, read backwards from its end; undefined when there is none. */
  private async last(stream: string): Promise<StoredEsdbEvent | undefined> {
    const [last] =
      (await this.events(stream, { fromRevision: END, direction: BACKWARDS, maxCount: 1 })) ?? [];
    return last;
  }

  /** Every event of one stream, oldest first; undefined when the stream does not exist. */
  async events(stream: string, options: ReadStreamOptions = {}): Promise<StoredEsdbEvent[] | undefined> {
    const events: StoredEsdbEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(stream, options)) {
        if (resolved.event !== undefined) events.push(resolved.event);
      }
    } catch (error) {
      if (isStreamNotFound(error)) return undefined;
      throw error;
    }
    return events;
  }

  private async page(from: ReadPosition, direction: typeof FORWARDS | typeof BACKWARDS, maxCount: number) {
    const events: AllEvent[] = [];
    for await (const resolved of this.client.readAll({ fromPosition: from, direction, maxCount })) {
      if (resolved.event !== undefined) events.push(resolved.event);
    }
    return events;
  }
}

function outcomeOf(event: StoredEsdbEvent): WriteOutcome {
  if (event.position === undefined)
    throw new Error('EventStoreDB 22.6 or later is required: reads carry no position');
  return {
    stream: event.streamId,
    revision: toRevision(event.revision),
    position: encodePosition(event.position),
  };
}
