import { eventHash } from '../hashing/event-hash.js';
import type { NewEvent } from '../port.js';
import { ledgerMetadata } from './esdb-envelope.js';

/**
 * Where a stream ends: the revision of its last event (-1: no stream) and that event's hash (null:
 * no stream), which the next event appended chains to.
 */
export interface StreamHead {
  readonly revision: number;
  readonly hash: string | null;
}

export const NO_STREAM_HEAD: StreamHead = { revision: -1, hash: null };

/**
 * The events given their hashes as if appended right after `head`: the first chains to the head's
 * hash, each next one to the one before. The hash covers what `toRecordedEvent` will give back
 * (`ledgerMetadata`), not the metadata extras stored beside it.
 *
 * The hashes hold only if the events land right after `head`: the write must be sent pinned to
 * `head.revision`, whatever the caller's expected revision (ADR 0007, hash chain).
 */
export function chainEvents<E extends NewEvent & { readonly eventId: string }>(
  stream: string,
  head: StreamHead,
  events: readonly E[],
): (E & { readonly hash: string })[] {
  let previous = head.hash;
  return events.map((event, n) => {
    const hash = eventHash(
      {
        stream,
        streamRevision: head.revision + 1 + n,
        eventId: event.eventId,
        type: event.type,
        schemaVersion: event.schemaVersion,
        occurredAt: event.occurredAt,
        data: event.data,
        metadata: ledgerMetadata(event.metadata),
      },
      previous,
    );
    previous = hash;
    return { ...event, hash };
  });
}
