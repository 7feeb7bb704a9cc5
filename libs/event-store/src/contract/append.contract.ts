// The point of this file: the append rules every event store adapter must keep (revisions, atomicity, races).
import { describe, expect, test } from '@jest/globals';
import { ConcurrencyError } from '../errors.js';
import {
  type CurrentFixture,
  newEvent,
  newEvents,
  newStream,
  readOwn,
  strictlyIncreasing,
} from './contract-helpers.js';

export function appendContract(fixture: CurrentFixture): void {
  describe('appending', () => {
    test('given a new stream, when appending three events with no-stream, then they get revisions 0..2', async () => {
      const { store } = fixture();
      const stream = newStream();
      const result = await store.appendToStream(stream, 'no-stream', newEvents(3));
      const read = await store.readStream(stream);
      expect(result.streams).toEqual([{ stream, revision: 2 }]);
      expect(result.replayed).toBe(false);
      expect(read.revision).toBe(2);
      expect(read.events.map((e) => e.streamRevision)).toEqual([0, 1, 2]);
      expect(read.events.map((e) => e.eventId)).toEqual(result.eventIds);
      expect(store.comparePositions(result.position, read.events[2]?.globalPosition ?? result.position)).toBe(
        0,
      );
    });

    test('given a stream at revision 1, when appending with expected revision 1, then it lands at revision 2', async () => {
      const { store } = fixture();
      const stream = newStream();
      await store.appendToStream(stream, 'no-stream', newEvents(2));
      const result = await store.appendToStream(stream, 1, [newEvent()]);
      expect(result.streams).toEqual([{ stream, revision: 2 }]);
    });

    test('given a stream at revision 1, when appending with a stale revision 0, then ConcurrencyError and nothing is written', async () => {
      const { store } = fixture();
      const stream = newStream();
      await store.appendToStream(stream, 'no-stream', newEvents(2));
      const head = await store.headPosition();
      const error = await store.appendToStream(stream, 0, [newEvent()]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ stream, expected: 0, actual: 1 });
      expect((await store.readStream(stream)).events).toHaveLength(2);
      expect(await store.headPosition()).toEqual(head);
    });

    test('given an existing stream, when appending with no-stream, then ConcurrencyError', async () => {
      const { store } = fixture();
      const stream = newStream();
      await store.appendToStream(stream, 'no-stream', [newEvent()]);
      await expect(store.appendToStream(stream, 'no-stream', [newEvent()])).rejects.toBeInstanceOf(
        ConcurrencyError,
      );
    });

    test('given a missing stream, when appending with an exact revision, then ConcurrencyError naming revision -1', async () => {
      const { store } = fixture();
      const stream = newStream();
      await expect(store.appendToStream(stream, 0, [newEvent()])).rejects.toMatchObject({
        stream,
        actual: -1,
      });
    });

    test('given any stream state, when appending with any, then it always lands', async () => {
      const { store } = fixture();
      const stream = newStream();
      await store.appendToStream(stream, 'any', [newEvent()]);
      const result = await store.appendToStream(stream, 'any', newEvents(2));
      expect(result.streams).toEqual([{ stream, revision: 2 }]);
    });

    test('given no writes or a write without events, when appending, then it is refused', async () => {
      const { store } = fixture();
      await expect(store.appendMultiple([])).rejects.toThrow(Error);
      await expect(store.appendToStream(newStream(), 'any', [])).rejects.toThrow(Error);
    });
  });

  describe('appending to several streams', () => {
    test('given writes to two streams, when both revisions hold, then both are written in one append', async () => {
      const { store } = fixture();
      const [a, b] = [newStream(), newStream()];
      await store.appendToStream(a, 'no-stream', [newEvent()]);
      const result = await store.appendMultiple([
        { stream: a, expectedRevision: 0, events: newEvents(2) },
        { stream: b, expectedRevision: 'no-stream', events: [newEvent()] },
      ]);
      expect(result.streams).toEqual([
        { stream: a, revision: 2 },
        { stream: b, revision: 0 },
      ]);
      expect(result.eventIds).toHaveLength(3);
    });

    test('given one stale write among three, when appending them together, then nothing from any stream is written', async () => {
      const { store } = fixture();
      const [a, b, c] = [newStream(), newStream(), newStream()];
      await store.appendToStream(a, 'no-stream', [newEvent()]);
      await store.appendToStream(c, 'no-stream', newEvents(2));
      const head = await store.headPosition();
      const attempt = store.appendMultiple([
        { stream: a, expectedRevision: 0, events: [newEvent()] },
        { stream: b, expectedRevision: 'no-stream', events: [newEvent()] },
        { stream: c, expectedRevision: 0, events: [newEvent()] },
      ]);
      await expect(attempt).rejects.toMatchObject({ stream: c, expected: 0, actual: 1 });
      expect((await store.readStream(a)).revision).toBe(0);
      expect(await store.readStream(b)).toEqual({ revision: -1, events: [] });
      expect((await store.readStream(c)).revision).toBe(1);
      expect(await store.headPosition()).toEqual(head);
    });
  });

  describe('concurrent appends', () => {
    test('given 100 appends to distinct streams at once, when they complete, then all land with distinct increasing positions', async () => {
      const { store } = fixture();
      const streams = Array.from({ length: 100 }, () => newStream());
      const before = await store.headPosition();
      const results = await Promise.all(
        streams.map((s) => store.appendToStream(s, 'no-stream', newEvents(2))),
      );
      const stored = await readOwn(store, new Set(streams), before);
      expect(stored).toHaveLength(200);
      expect(strictlyIncreasing(store, stored)).toBe(true);
      expect(new Set(results.map((r) => r.position)).size).toBe(100);
      expect(new Set(stored.map((e) => e.eventId))).toEqual(new Set(results.flatMap((r) => r.eventIds)));
    });

    test('given 50 appends expecting the same revision of one stream, when they race, then exactly one wins', async () => {
      const { store } = fixture();
      const stream = newStream();
      await store.appendToStream(stream, 'no-stream', [newEvent()]);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 50 }, (_, n) => store.appendToStream(stream, 0, [newEvent({ n })])),
      );
      const losers = outcomes.filter((o) => o.status === 'rejected');
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(losers.every((o) => o.reason instanceof ConcurrencyError)).toBe(true);
      const read = await store.readStream(stream);
      expect(read.revision).toBe(1);
      expect(read.events).toHaveLength(2);
    });
  });
}
