// The point of this file: the adapter's logic (plans, completion, paging, batching) against a simulated server.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { collect, newEvent, newEvents, newStream } from '../contract/contract-helpers.js';
import { eventStoreContract } from '../contract/event-store.contract.js';
import { EventStoreUnavailableError } from '../errors.js';
import type { EventStore, StreamWrite } from '../port.js';
import { EventStoreDbEventStore, IncompleteAppendError } from './esdb-event-store.js';
import { SimulatedEsdbServer } from './testing/simulated-esdb-server.js';

const CATEGORIES = ['test', 'grant', 'large', 'programme'];
const SERVER = 'esdb://simulated:2113';

function openOn(server: SimulatedEsdbServer): EventStoreDbEventStore {
  return new EventStoreDbEventStore(server.connect(), SERVER, CATEGORIES, ['programme']);
}

eventStoreContract('eventstoredb adapter on a simulated server (unit)', () => {
  const server = new SimulatedEsdbServer();
  const opened: EventStore[] = [openOn(server)];
  return Promise.resolve({
    store: opened[0] as EventStore,
    reopen: () => {
      const store = openOn(server);
      opened.push(store);
      return Promise.resolve(store);
    },
    cleanup: async () => {
      await Promise.all(opened.map((store) => store.close()));
    },
  });
});

describe.each([
  ['recognises', false],
  ['does not recognise', true],
])(
  'eventstoredb adapter on a simulated server that %s re-appended ids: multi-stream commands',
  (_label, ignoresDuplicates) => {
    let server: SimulatedEsdbServer;
    let store: EventStoreDbEventStore;
    let [grant, programme] = ['', ''];
    const award = (programmeRevision: number): StreamWrite[] => [
      { stream: grant, expectedRevision: 'no-stream', events: [newEvent({ awarded: 1 })] },
      { stream: programme, expectedRevision: programmeRevision, events: [newEvent({ committed: 1 })] },
    ];
    const killedAt = (target: string) => (stream: string) => {
      if (stream === target) throw new Error('process killed');
    };

    beforeEach(async () => {
      server = new SimulatedEsdbServer();
      server.faults.ignoresDuplicates = ignoresDuplicates;
      store = openOn(server);
      [grant, programme] = [newStream('grant'), newStream('programme')];
      await store.appendToStream(programme, 'no-stream', [newEvent({ launched: 1 })]);
    });
    afterEach(() => store.close());

    test('given an award in the caller order grant then programme, when appended, then the programme is written first and the result keeps the caller order', async () => {
      const result = await store.appendMultiple(award(0), { commandId: randomUUID() });
      const [grantEvent] = (await store.readStream(grant)).events;
      const [, committed] = (await store.readStream(programme)).events;
      expect(result.streams).toEqual([
        { stream: grant, revision: 0 },
        { stream: programme, revision: 1 },
      ]);
      expect(
        store.comparePositions(
          committed?.globalPosition ?? result.position,
          grantEvent?.globalPosition ?? result.position,
        ),
      ).toBeLessThan(0);
      expect(result.eventIds).toEqual([grantEvent?.eventId, committed?.eventId]);
    });

    test('given a command stopped after its first write, when its id is looked up, then it is completed once and answered replayed', async () => {
      const commandId = randomUUID();
      server.faults.beforeAppend = killedAt(grant);
      await expect(store.appendMultiple(award(0), { commandId, fingerprint: 'f-1' })).rejects.toThrow(
        'process killed',
      );
      expect((await store.readStream(programme)).revision).toBe(1);
      server.faults.beforeAppend = undefined;

      const found = await store.findCommandResult(commandId, 'f-1');
      expect(found?.replayed).toBe(true);
      expect(found?.streams).toEqual([
        { stream: grant, revision: 0 },
        { stream: programme, revision: 1 },
      ]);
      expect((await store.readStream(programme)).revision).toBe(1);
      expect((await store.readStream(grant)).events.map((e) => e.eventId)).toEqual(
        found?.eventIds.slice(0, 1),
      );
      expect(await store.appendMultiple(award(0), { commandId, fingerprint: 'f-1' })).toEqual(found);
    });

    test('given a command stopped after its first write, when it is sent again, then the rest is written and nothing twice', async () => {
      const commandId = randomUUID();
      server.faults.beforeAppend = killedAt(grant);
      await expect(store.appendMultiple(award(0), { commandId })).rejects.toThrow('process killed');
      server.faults.beforeAppend = undefined;

      const retried = await store.appendMultiple(award(0), { commandId });
      expect(retried).toMatchObject({
        replayed: true,
        streams: [
          { stream: grant, revision: 0 },
          { stream: programme, revision: 1 },
        ],
      });
      expect((await store.readStream(programme)).events).toHaveLength(2);
      expect((await store.readStream(grant)).events).toHaveLength(1);
    });

    test('given a command stopped just before recording its completion, when retried, then nothing is written twice, an any write included', async () => {
      const commandId = randomUUID();
      const log = newStream();
      const writes: StreamWrite[] = [
        ...award(0),
        { stream: log, expectedRevision: 'any', events: [newEvent()] },
      ];
      let commandRecords = 0;
      server.faults.beforeAppend = (stream) => {
        if (stream.startsWith('ledger_command-') && (commandRecords += 1) === 2)
          throw new Error('process killed');
      };
      await expect(store.appendMultiple(writes, { commandId })).rejects.toThrow('process killed');
      server.faults.beforeAppend = undefined;

      const retried = await store.appendMultiple(writes, { commandId });
      expect(retried.replayed).toBe(true);
      expect(retried.streams.map((s) => s.revision)).toEqual([0, 1, 0]);
      expect((await store.readStream(log)).events).toHaveLength(1);
      expect((await store.readStream(programme)).events).toHaveLength(2);
    });

    test('given a command stopped before its first write and that stream moved since, when retried, then the old plan is void and the command is decided afresh', async () => {
      const commandId = randomUUID();
      server.faults.beforeAppend = killedAt(programme);
      await expect(store.appendMultiple(award(0), { commandId })).rejects.toThrow('process killed');
      server.faults.beforeAppend = undefined;
      await store.appendToStream(programme, 0, [newEvent({ racing: 1 })]);

      expect(await store.findCommandResult(commandId)).toBeUndefined();
      await expect(store.appendMultiple(award(0), { commandId })).rejects.toMatchObject({
        stream: programme,
        expected: 0,
        actual: 1,
      });
      const decidedAgain = await store.appendMultiple(award(1), { commandId });
      expect(decidedAgain).toMatchObject({
        replayed: false,
        streams: [
          { stream: grant, revision: 0 },
          { stream: programme, revision: 2 },
        ],
      });
    });

    test('given a stream after the first one moved between the check and its write, when appending, then IncompleteAppendError naming what was written, also on retry', async () => {
      const commandId = randomUUID();
      server.faults.beforeAppend = (stream) => {
        if (stream !== grant) return;
        server.faults.beforeAppend = undefined;
        server.writeRaw(grant, 'GrantAwarded', { by: 'another command' });
      };
      const error = await store.appendMultiple(award(0), { commandId }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IncompleteAppendError);
      expect(error).toMatchObject({
        commandId,
        written: [programme],
        refused: { stream: grant, expected: 'no-stream', actual: 0 },
      });
      expect((await store.readStream(programme)).revision).toBe(1);
      await expect(store.findCommandResult(commandId)).rejects.toBeInstanceOf(IncompleteAppendError);
    });

    test('given two calls with one command id at once, when both finish, then the events are written once and one answer is the replay of the other', async () => {
      const commandId = randomUUID();
      const [first, second] = await Promise.all([
        store.appendMultiple(award(0), { commandId, fingerprint: 'f-1' }),
        store.appendMultiple(award(0), { commandId, fingerprint: 'f-1' }),
      ]);
      expect([first.replayed, second.replayed].sort()).toEqual([false, true]);
      expect({ ...first, replayed: true }).toEqual({ ...second, replayed: true });
      expect((await store.readStream(programme)).events).toHaveLength(2);
      expect((await store.readStream(grant)).events).toHaveLength(1);
    });
  },
);

describe('eventstoredb adapter on a simulated server: reading, subscribing and failing', () => {
  let server: SimulatedEsdbServer;
  let store: EventStoreDbEventStore;

  beforeEach(() => {
    server = new SimulatedEsdbServer();
    store = openOn(server);
  });
  afterEach(() => store.close());

  test('given foreign streams and idempotency records after a ledger event, when asking for the head and reading all, then only the ledger event counts', async () => {
    const before = await store.headPosition();
    const { position } = await store.appendToStream(newStream(), 'no-stream', [newEvent()], {
      commandId: randomUUID(),
    });
    server.writeRaw('other-1', 'SomethingElse', { n: 1 });
    server.writeRaw('$$test-1', '$metadata', {});
    expect(before).toBeUndefined();
    expect(await store.headPosition()).toBe(position);
    expect((await store.readAll({ after: before })).map((e) => e.globalPosition)).toEqual([position]);
    expect(await store.readAll({ after: position })).toEqual([]);
  });

  test('given 20 stored events and batches of 3, when subscribing, then every batch holds at most 3 and all 20 arrive in order', async () => {
    const stream = newStream();
    const { eventIds } = await store.appendToStream(stream, 'no-stream', newEvents(20));
    const sizes: number[] = [];
    const seen = await collect(
      store.subscribe({ batchSize: 3 }),
      20,
      () => true,
      async (soFar) => {
        sizes.push(soFar.length);
        await new Promise((resolve) => setTimeout(resolve, 5));
      },
    );
    expect(seen.map((e) => e.eventId)).toEqual(eventIds);
    expect(sizes.every((size, n) => size - (sizes[n - 1] ?? 0) <= 3)).toBe(true);
  });

  test('given an event of a ledger category without the ledger envelope, when subscribed, then delivery stops at it with an error naming it', async () => {
    const stream = newStream();
    await store.appendToStream(stream, 'no-stream', [newEvent()]);
    server.writeRaw(stream, 'Foreign', { n: 2 });
    await store.appendToStream(stream, 1, [newEvent()]);
    const delivered: number[] = [];
    const reading = (async () => {
      for await (const batch of store.subscribe({ batchSize: 10 }))
        delivered.push(...batch.map((e) => e.streamRevision));
    })();
    await expect(reading).rejects.toThrow(`of stream ${stream} at revision 1 has no ledger envelope`);
    expect(delivered).toEqual([0]);
    expect(server.openSubscriptions()).toBe(0);
  });

  test('given an unreachable server, when appending or reading, then EventStoreUnavailableError naming the server', async () => {
    server.faults.unreachable = true;
    const append = store.appendToStream(newStream(), 'no-stream', [newEvent()]);
    await expect(append).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(append).rejects.toThrow(`EventStoreDB at ${SERVER} is unavailable`);
    await expect(store.readStream(newStream())).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.checkConnection()).rejects.toThrow(SERVER);
  });

  test('given a closed store, when used, then EventStoreUnavailableError, and its client and subscriptions are gone', async () => {
    const client = server.connect();
    const closing = new EventStoreDbEventStore(client, SERVER, CATEGORIES);
    closing.subscribe();
    await closing.close();
    await expect(closing.appendToStream(newStream(), 'any', [newEvent()])).rejects.toBeInstanceOf(
      EventStoreUnavailableError,
    );
    expect(client.disposed()).toBe(true);
    expect(server.openSubscriptions()).toBe(0);
  });

  test('given a stream outside the categories, when appending, then it is refused before anything is written', async () => {
    const head = await store.headPosition();
    await expect(store.appendToStream(`other-${randomUUID()}`, 'any', [newEvent()])).rejects.toThrow(
      'outside this store',
    );
    expect(await store.headPosition()).toBe(head);
  });
});
