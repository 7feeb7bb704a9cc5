import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import type { Decider } from '@ledger/ledger-domain';
import { newEvent, newStream } from '../contract/contract-helpers.js';
import { eventStoreContract } from '../contract/event-store.contract.js';
import { aggregateStream } from '../handle-command.js';
import type { EventStore } from '../port.js';
import { openSqliteEventStore } from '../sqlite/sqlite-event-store.js';
import { SnapshottingEventStore } from './snapshotting-event-store.js';

// The decorator is an event store like any other: it passes the same contract as what it wraps.
eventStoreContract('sqlite with snapshots', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'ledger-snapshots-'));
  const store = new SnapshottingEventStore(openSqliteEventStore({ file: join(dir, 'events.sqlite') }));
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

type Sum = { readonly total: number; readonly seen: readonly number[] };
type Added = { type: string; data: { n: number } };
/** Keeps every value, so a fold that skipped or repeated an event would show. */
const summing: Decider<Sum, never, Added> = {
  decide: () => [],
  evolve: (state, event) => ({ total: state.total + event.data.n, seen: [...state.seen, event.data.n] }),
  initialState: { total: 0, seen: [] },
};

describe('SnapshottingEventStore.aggregate', () => {
  const opened: { dir: string; stores: EventStore[] }[] = [];
  afterEach(async () => {
    for (const { dir, stores } of opened.splice(0)) {
      await Promise.all(stores.map((store) => store.close()));
      await rm(dir, { recursive: true, force: true });
    }
  });

  /** A snapshotting store and a plain writer on one file, and the fromRevision of every read. */
  async function twoStores() {
    const dir = await mkdtemp(join(tmpdir(), 'ledger-snapshots-'));
    const file = join(dir, 'events.sqlite');
    const inner = openSqliteEventStore({ file });
    const reads: number[] = [];
    const readStream = inner.readStream.bind(inner);
    inner.readStream = (stream, options) => {
      reads.push(options?.fromRevision ?? 0);
      return readStream(stream, options);
    };
    const snapshotting = new SnapshottingEventStore(inner, 2);
    const writer = openSqliteEventStore({ file });
    opened.push({ dir, stores: [snapshotting, writer] });
    return { snapshotting, writer, reads };
  }
  const append = (store: EventStore, stream: string, ...values: number[]) =>
    store.appendToStream(
      stream,
      'any',
      values.map((n) => newEvent({ n })),
    );

  test('given a folded stream, when another writer appends to it, then the next fold reads only the new events and equals a full fold', async () => {
    const { snapshotting, writer, reads } = await twoStores();
    const stream = newStream();
    await append(writer, stream, 1, 2, 3);

    expect(await aggregateStream(snapshotting, stream, summing)).toEqual({
      state: { total: 6, seen: [1, 2, 3] },
      revision: 2,
    });
    await append(writer, stream, 10, 20);
    const again = await aggregateStream(snapshotting, stream, summing);
    const unchanged = await aggregateStream(snapshotting, stream, summing);

    expect(again).toEqual({ state: { total: 36, seen: [1, 2, 3, 10, 20] }, revision: 4 });
    expect(unchanged).toEqual(again);
    expect(reads).toEqual([0, 3, 5]);
    expect(again).toEqual(await aggregateStream(writer, stream, summing));
  });

  test('given another decider of the same stream, when it folds, then it folds from the start, not from the other one’s state', async () => {
    const { snapshotting, writer, reads } = await twoStores();
    const stream = newStream();
    await append(writer, stream, 5, 7);
    const doubling: Decider<number, never, Added> = {
      decide: () => [],
      evolve: (state, event) => state + 2 * event.data.n,
      initialState: 0,
    };

    await aggregateStream(snapshotting, stream, summing);

    expect((await aggregateStream(snapshotting, stream, doubling)).state).toBe(24);
    expect(reads).toEqual([0, 0]);
  });

  test('given more streams than it keeps, when the first is folded again, then it is read from the start and is still right', async () => {
    const { snapshotting, writer, reads } = await twoStores();
    const streams = [newStream(), newStream(), newStream()];
    for (const [index, stream] of streams.entries()) await append(writer, stream, index + 1);
    for (const stream of streams) await aggregateStream(snapshotting, stream, summing);

    const first = await aggregateStream(snapshotting, streams[0] ?? '', summing);

    expect(first).toEqual({ state: { total: 1, seen: [1] }, revision: 0 });
    expect(reads).toEqual([0, 0, 0, 0]);
  });
});
