// The point of this file: a subscription delivers the log once, in order, across catch-up and live.
import { describe, expect, test } from '@jest/globals';
import type { RecordedEvent } from '../port.js';
import {
  collect,
  type CurrentFixture,
  newEvent,
  newEvents,
  newStream,
  readOwn,
  strictlyIncreasing,
} from './contract-helpers.js';

const ids = (events: readonly RecordedEvent[]): string[] => events.map((e) => e.eventId);

export function subscriptionContract(fixture: CurrentFixture): void {
  describe('subscribing', () => {
    test('given five stored events, when subscribing and five more are appended after catch-up, then all ten arrive in order, once', async () => {
      const { store } = fixture();
      const stream = newStream();
      const before = await store.headPosition();
      await store.appendToStream(stream, 'no-stream', newEvents(5));
      let live = false;
      const seen = await collect(
        store.subscribe({ after: before, batchSize: 2 }),
        10,
        (e) => e.stream === stream,
        async (soFar) => {
          if (live || soFar.length < 5) return;
          live = true;
          for (let n = 0; n < 5; n += 1) await store.appendToStream(stream, 'any', [newEvent({ n })]);
        },
      );
      expect(ids(seen)).toEqual(ids(await readOwn(store, new Set([stream]), before)));
      expect(seen.map((e) => e.streamRevision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    test('given a subscription catching up, when appends race with it, then every event arrives once in position order', async () => {
      const { store } = fixture();
      const streams = Array.from({ length: 20 }, () => newStream());
      const own = new Set(streams);
      const before = await store.headPosition();
      await Promise.all(streams.map((s) => store.appendToStream(s, 'no-stream', [newEvent()])));
      const collecting = collect(store.subscribe({ after: before, batchSize: 3 }), 40, (e) =>
        own.has(e.stream),
      );
      await Promise.all(streams.map((s) => store.appendToStream(s, 0, [newEvent()])));
      const seen = await collecting;
      expect(ids(seen)).toEqual(ids(await readOwn(store, own, before)));
      expect(new Set(ids(seen)).size).toBe(40);
      expect(strictlyIncreasing(store, seen)).toBe(true);
    });

    test("given six events, when subscribing after the third one's position, then delivery starts at the fourth", async () => {
      const { store } = fixture();
      const stream = newStream();
      await store.appendToStream(stream, 'no-stream', newEvents(6));
      const stored = (await store.readStream(stream)).events;
      const seen = await collect(
        store.subscribe({ after: stored[2]?.globalPosition }),
        3,
        (e) => e.stream === stream,
      );
      expect(ids(seen)).toEqual(ids(stored.slice(3)));
    });

    test('given an idle subscription, when it is closed, then its iteration ends promptly', async () => {
      const { store } = fixture();
      const subscription = store.subscribe({ after: await store.headPosition() });
      const iterating = (async () => {
        let batches = 0;
        for await (const _batch of subscription) batches += 1;
        return batches;
      })();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const started = Date.now();
      await subscription.close();
      await iterating;
      expect(Date.now() - started).toBeLessThan(1000);
    });
  });
}
