// The point of this file: every adapter stores each event's hash, chained per stream (SPEC §6).
import { describe, expect, test } from '@jest/globals';
import { eventHash } from '../hashing/event-hash.js';
import type { RecordedEvent } from '../port.js';
import { type CurrentFixture, newEvent, newEvents, newStream, readOwn } from './contract-helpers.js';

/** Recomputes a stream's chain from the events as read: the hash each event should carry. */
function expectedChain(events: readonly RecordedEvent[]): string[] {
  let previous: string | null = null;
  return events.map((event) => {
    previous = eventHash(event, previous);
    return previous;
  });
}

export function hashChainContract(fixture: CurrentFixture): void {
  describe('hash chain', () => {
    test('given three appends to one stream and one to another in the same command, when read back, then every hash covers the event and its predecessor in its stream', async () => {
      const { store } = fixture();
      const [a, b] = [newStream(), newStream()];
      await store.appendToStream(a, 'no-stream', newEvents(2));
      await store.appendMultiple([
        { stream: a, expectedRevision: 1, events: [newEvent({ n: 2 })] },
        { stream: b, expectedRevision: 'any', events: [newEvent({ n: 0 })] },
      ]);
      for (const stream of [a, b]) {
        const { events } = await store.readStream(stream);
        expect(events.map((e) => e.hash)).toEqual(expectedChain(events));
        expect(events.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
      }
      const all = await readOwn(store, new Set([a, b]));
      const byId = new Map(all.map((e) => [e.eventId, e.hash]));
      const streamRead = [...(await store.readStream(a)).events, ...(await store.readStream(b)).events];
      expect(streamRead.map((e) => byId.get(e.eventId))).toEqual(streamRead.map((e) => e.hash));
    });

    test('given two streams with the same events, when read back, then their hashes differ: the stream is part of what is hashed', async () => {
      const { store } = fixture();
      const event = newEvent({ n: 1 });
      const [a, b] = [newStream(), newStream()];
      await store.appendToStream(a, 'no-stream', [event]);
      await store.appendToStream(b, 'no-stream', [event]);
      const [first] = (await store.readStream(a)).events;
      const [second] = (await store.readStream(b)).events;
      expect(first?.hash).not.toEqual(second?.hash);
    });

    test('given an event with a changed value, when hashed, then the hash changes; key order does not', () => {
      const content = {
        stream: 'grant-g1',
        streamRevision: 0,
        eventId: 'e1',
        type: 'GrantAwarded',
        schemaVersion: 1,
        occurredAt: '2018-03-01T10:00:00.000Z',
        data: { amountPence: 2_000_000, grantId: 'g1' },
        metadata: newEvent().metadata,
      };
      const hash = eventHash(content, null);
      expect(eventHash({ ...content, data: { grantId: 'g1', amountPence: 2_000_000 } }, null)).toBe(hash);
      expect(eventHash({ ...content, data: { grantId: 'g1', amountPence: 2_000_001 } }, null)).not.toBe(hash);
      expect(eventHash(content, hash)).not.toBe(hash);
    });
  });
}
