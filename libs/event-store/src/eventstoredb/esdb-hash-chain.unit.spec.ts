// The point of this file: the hashes an append stores chain from the stream's head and survive the round trip.
import { describe, expect, test } from '@jest/globals';
import { newEvent } from '../contract/contract-helpers.js';
import { eventHash } from '../hashing/event-hash.js';
import type { NewEvent } from '../port.js';
import { toEventData, toRecordedEvent } from './esdb-envelope.js';
import { chainEvents, NO_STREAM_HEAD } from './esdb-hash-chain.js';

const STREAM = 'grant-g1';
const withId = (event: NewEvent, eventId: string) => ({ ...event, eventId });

describe('eventstoredb hash chain', () => {
  test('given a new stream, when two events are chained, then the first chains from null at revision 0 and the second from the first', () => {
    const [zero, one] = [withId(newEvent({ n: 0 }), 'e-0'), withId(newEvent({ n: 1 }), 'e-1')];
    const [first, second] = chainEvents(STREAM, NO_STREAM_HEAD, [zero, one]);
    expect(first?.hash).toBe(eventHash({ ...zero, stream: STREAM, streamRevision: 0 }, null));
    expect(second?.hash).toBe(eventHash({ ...one, stream: STREAM, streamRevision: 1 }, first?.hash ?? null));
  });

  test('given a stream at revision 4, when an event is chained, then it is hashed at revision 5 from the head hash', () => {
    const head = { revision: 4, hash: 'cd'.repeat(32) };
    const event = withId(newEvent(), 'e-5');
    const [chained] = chainEvents(STREAM, head, [event]);
    expect(chained?.hash).toBe(eventHash({ ...event, stream: STREAM, streamRevision: 5 }, head.hash));
    expect(chained?.hash).not.toBe(chainEvents(STREAM, NO_STREAM_HEAD, [event])[0]?.hash);
  });

  test('given a chained event with metadata extras and no data, when stored and read back, then the hash recomputed from the recorded event is the stored one', () => {
    const { reason: _reason, ...metadata } = { ...newEvent().metadata, sessionId: 's-1' };
    const event = withId({ ...newEvent(undefined), data: undefined, metadata }, 'e-0');
    const [chained] = chainEvents(STREAM, NO_STREAM_HEAD, [event]);
    if (chained === undefined) throw new Error('nothing chained');
    const written = toEventData(chained, chained.eventId, chained.hash);
    const recorded = toRecordedEvent({
      streamId: STREAM,
      id: written.id,
      revision: 0n,
      type: written.type,
      created: new Date(),
      isJson: true,
      data: JSON.parse(JSON.stringify(written.data)) as unknown,
      metadata: JSON.parse(JSON.stringify(written.metadata)) as unknown,
      position: { commit: 1n, prepare: 1n },
    });
    expect(recorded.hash).toBe(chained.hash);
    expect(eventHash(recorded, null)).toBe(recorded.hash);
  });
});
