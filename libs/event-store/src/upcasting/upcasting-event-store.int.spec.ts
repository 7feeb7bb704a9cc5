import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createUpcasterChain, LEDGER_UPCASTER_CHAIN, type Upcaster } from '@ledger/ledger-domain';
import { collect, newEvent, newStream, readOwn } from '../contract/contract-helpers.js';
import { eventStoreContract } from '../contract/event-store.contract.js';
import type { EventStore } from '../port.js';
import { openSqliteEventStore, type SqliteEventStore } from '../sqlite/sqlite-event-store.js';
import { UnreadableEventError } from './upcast-recorded-event.js';
import { UpcastingEventStore } from './upcasting-event-store.js';

async function tempFile(): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'ledger-upcasting-'));
  return { dir, file: join(dir, 'events.sqlite') };
}

// A wrapper that passes everything through must still be a whole event store.
eventStoreContract('upcasting over sqlite', async () => {
  const { dir, file } = await tempFile();
  const opened: EventStore[] = [
    new UpcastingEventStore(openSqliteEventStore({ file }), LEDGER_UPCASTER_CHAIN),
  ];
  const reopen = (): Promise<EventStore> => {
    const store = new UpcastingEventStore(openSqliteEventStore({ file }), LEDGER_UPCASTER_CHAIN);
    opened.push(store);
    return Promise.resolve(store);
  };
  const cleanup = async (): Promise<void> => {
    await Promise.all(opened.map((store) => store.close()));
    await rm(dir, { recursive: true, force: true });
  };
  // The first entry was pushed above; the array is never empty.
  return { store: opened[0] as EventStore, reopen, cleanup };
});

/** Version 1 counted `n`; version 2 calls it `count` and adds `unit`. */
const renameN: Upcaster = {
  type: 'TestThingHappened',
  fromVersion: 1,
  toVersion: 2,
  upcast: (data) => {
    const { n, ...rest } = data as { n: number };
    return { ...rest, count: n, unit: 'each' };
  },
};
const chain = createUpcasterChain([renameN], { TestThingHappened: 2 });

describe('upcasting event store', () => {
  let dir: string;
  let raw: SqliteEventStore;
  let store: UpcastingEventStore;
  const stream = newStream();

  beforeAll(async () => {
    const temp = await tempFile();
    dir = temp.dir;
    raw = openSqliteEventStore({ file: temp.file });
    store = new UpcastingEventStore(raw, chain);
    await raw.appendToStream(stream, 'no-stream', [newEvent({ n: 1 }), newEvent({ n: 2 })]);
  });
  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('given version-1 events stored, when the stream is read, then they come at version 2 and the stored rows stay version 1', async () => {
    const { events, revision } = await store.readStream(stream);

    expect(revision).toBe(1);
    expect(events.map((e) => [e.schemaVersion, e.data])).toEqual([
      [2, { count: 1, unit: 'each' }],
      [2, { count: 2, unit: 'each' }],
    ]);
    const stored = (await raw.readStream(stream)).events;
    expect(stored.map((e) => [e.schemaVersion, e.data])).toEqual([
      [1, { n: 1 }],
      [1, { n: 2 }],
    ]);
  });

  test('given version-1 events stored, when read through readAll and a subscription, then both deliver version 2', async () => {
    const all = await readOwn(store, new Set([stream]));
    const subscribed = await collect(store.subscribe(), 2, (e) => e.stream === stream);

    for (const events of [all, subscribed]) {
      expect(events.map((e) => e.schemaVersion)).toEqual([2, 2]);
      expect(events.map((e) => e.data)).toEqual([
        { count: 1, unit: 'each' },
        { count: 2, unit: 'each' },
      ]);
    }
  });

  test('given an append through the wrapper, when read raw, then it is stored as written', async () => {
    const own = newStream();
    await store.appendToStream(own, 'no-stream', [
      newEvent({ count: 3, unit: 'each' }, { schemaVersion: 2 }),
    ]);

    const [stored] = (await raw.readStream(own)).events;
    expect(stored).toMatchObject({ schemaVersion: 2, data: { count: 3, unit: 'each' } });
    expect((await store.readStream(own)).events[0]?.data).toEqual({ count: 3, unit: 'each' });
  });

  test('given an event newer than the code, when subscribed, then the events before it arrive and then it fails naming the event', async () => {
    const own = newStream();
    await raw.appendToStream(own, 'no-stream', [
      newEvent({ n: 7 }),
      newEvent({ count: 8 }, { schemaVersion: 3 }),
      newEvent({ n: 9 }),
    ]);
    const [, newer] = (await raw.readStream(own)).events;
    const seen: unknown[] = [];

    const reading = (async () => {
      for await (const batch of store.subscribe({ batchSize: 1000 }))
        seen.push(...batch.filter((e) => e.stream === own).map((e) => e.data));
    })();

    await expect(reading).rejects.toThrow(UnreadableEventError);
    await expect(reading).rejects.toThrow(`Event ${newer?.eventId ?? '?'} (TestThingHappened v3`);
    expect(seen).toEqual([{ count: 7, unit: 'each' }]);
    await expect(store.readStream(own)).rejects.toThrow('version 3 is unknown to this code');
  });
});
