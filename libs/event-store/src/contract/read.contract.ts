// The point of this file: what every adapter returns when reading: order, paging, envelope, positions.
import { randomUUID } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';
import type { Position, RecordedEvent } from '../port.js';
import {
  type CurrentFixture,
  ISO_INSTANT,
  metadata,
  newEvent,
  newEvents,
  newStream,
  readOwn,
  strictlyIncreasing,
  UUID,
} from './contract-helpers.js';

export function readContract(fixture: CurrentFixture): void {
  describe('reading the whole log', () => {
    test('given appends interleaved across three streams, when reading all, then they come in append order with strictly increasing positions', async () => {
      const { store } = fixture();
      const streams = [newStream(), newStream(), newStream()];
      const before = await store.headPosition();
      const appended: string[] = [];
      for (let round = 0; round < 3; round += 1) {
        for (const stream of streams) {
          appended.push(...(await store.appendToStream(stream, 'any', [newEvent({ round })])).eventIds);
        }
      }
      const stored = await readOwn(store, new Set(streams), before);
      expect(stored.map((e) => e.eventId)).toEqual(appended);
      expect(strictlyIncreasing(store, stored)).toBe(true);
    });

    test('given seven events, when paging with after and maxCount 3, then pages hold at most 3 and together all 7 once', async () => {
      const { store } = fixture();
      const stream = newStream();
      const before = await store.headPosition();
      const { eventIds } = await store.appendToStream(stream, 'no-stream', newEvents(7));
      const pages: (readonly RecordedEvent[])[] = [];
      let after: Position | undefined = before;
      for (let page = await store.readAll({ after, maxCount: 3 }); page.length > 0;) {
        pages.push(page);
        after = page.at(-1)?.globalPosition;
        page = await store.readAll({ after, maxCount: 3 });
      }
      expect(pages.every((page) => page.length <= 3)).toBe(true);
      const own = pages.flat().filter((e) => e.stream === stream);
      expect(own.map((e) => e.eventId)).toEqual(eventIds);
    });

    test('given a stream of five, when reading it from revision 2 with maxCount 2, then revisions 2 and 3 come back with the stream revision', async () => {
      const { store } = fixture();
      const stream = newStream();
      await store.appendToStream(stream, 'no-stream', newEvents(5));
      const read = await store.readStream(stream, { fromRevision: 2, maxCount: 2 });
      expect(read.revision).toBe(4);
      expect(read.events.map((e) => e.streamRevision)).toEqual([2, 3]);
    });

    test('given an append, when its position is parsed back from text, then it is the same position; garbage is not one', async () => {
      const { store } = fixture();
      const { position } = await store.appendToStream(newStream(), 'no-stream', [newEvent()]);
      const parsed = store.parsePosition(String(position));
      expect(parsed).toBeDefined();
      expect(store.comparePositions(parsed ?? position, position)).toBe(0);
      expect(store.parsePosition('not-a-position')).toBeUndefined();
      expect(store.parsePosition('-1')).toBeUndefined();
      const head = await store.headPosition();
      expect(store.comparePositions(head ?? position, position)).toBeGreaterThanOrEqual(0);
    });

    test('given 10,000 events in one append, when reading them back, then every one is there in order', async () => {
      const { store } = fixture();
      const stream = newStream('large');
      const before = await store.headPosition();
      const result = await store.appendToStream(stream, 'no-stream', newEvents(10_000));
      const read = await store.readStream(stream);
      expect(result.streams).toEqual([{ stream, revision: 9999 }]);
      expect(read.events.map((e) => e.streamRevision)).toEqual(Array.from({ length: 10_000 }, (_, n) => n));
      expect(read.events.map((e) => (e.data as { n: number }).n)).toEqual(
        Array.from({ length: 10_000 }, (_, n) => n),
      );
      const all = await readOwn(store, new Set([stream]), before, 1000);
      expect(all.map((e) => e.eventId)).toEqual(result.eventIds);
    }, 60_000);
  });

  describe('the envelope', () => {
    test('given an event with full metadata, when reading it back, then every envelope field is there', async () => {
      const { store } = fixture();
      const stream = newStream('grant');
      const meta = metadata({ source: 'cli', reason: 'typo in the amount' });
      const given = newEvent(
        { amount: { pence: 2_000_000, currency: 'GBP' } },
        { metadata: meta, schemaVersion: 2 },
      );
      const [chosen, generated] = [randomUUID(), undefined];
      await store.appendToStream(stream, 'no-stream', [
        { ...given, eventId: chosen },
        { ...given, eventId: generated },
      ]);
      const [first, second] = (await store.readStream(stream)).events;
      expect(first).toMatchObject({
        eventId: chosen,
        type: 'TestThingHappened',
        stream,
        streamRevision: 0,
        occurredAt: '2018-03-01T10:00:00.000Z',
        schemaVersion: 2,
        data: { amount: { pence: 2_000_000, currency: 'GBP' } },
        metadata: meta,
      });
      expect(first?.recordedAt).toMatch(ISO_INSTANT);
      expect(typeof first?.globalPosition).toBe('string');
      expect(second?.eventId).toMatch(UUID);
      expect(second?.eventId).not.toBe(chosen);
    });
  });

  describe('restarting', () => {
    test('given a log with events, when the store is closed and reopened, then everything is kept and revisions and positions continue', async () => {
      const { store, reopen } = fixture();
      if (reopen === undefined) {
        console.warn('restart test not run: this adapter fixture gives no reopen()');
        return;
      }
      const stream = newStream();
      const first = await store.appendToStream(stream, 'no-stream', newEvents(3));
      await store.close();
      const reopened = await reopen();
      expect((await reopened.readStream(stream)).events.map((e) => e.eventId)).toEqual(first.eventIds);
      const next = await reopened.appendToStream(stream, 2, [newEvent()]);
      expect(next.streams).toEqual([{ stream, revision: 3 }]);
      expect(reopened.comparePositions(next.position, first.position)).toBeGreaterThan(0);
    });
  });
}
