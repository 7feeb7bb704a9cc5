// The point of this file: the adapter's logic (plans, completion, paging, batching) against a simulated server.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { collect, newEvent, newEvents, newStream } from '../contract/contract-helpers.js';
import { eventStoreContract } from '../contract/event-store.contract.js';
import { ConcurrencyError, EventStoreUnavailableError } from '../errors.js';
import { eventHash } from '../hashing/event-hash.js';
import type { EventStore, RecordedEvent, StreamWrite } from '../port.js';
import { commandStream } from './esdb-categories.js';
import { toEsdbMetadata } from './esdb-envelope.js';
import { EventStoreDbEventStore, IncompleteAppendError } from './esdb-event-store.js';
import { chainEvents, type StreamHead } from './esdb-hash-chain.js';
import type { CommandPlan } from './esdb-command-log.js';
import { SimulatedEsdbServer } from './testing/simulated-esdb-server.js';

const CATEGORIES = ['test', 'grant', 'large', 'programme'];
const SERVER = 'esdb://simulated:2113';

function openOn(server: SimulatedEsdbServer): EventStoreDbEventStore {
  return new EventStoreDbEventStore(server.connect(), SERVER, CATEGORIES, ['programme']);
}

/** Each event's hash as it should be: its content and the hash of the event before it in its stream. */
function recomputedChain(events: readonly RecordedEvent[]): string[] {
  let previous: string | null = null;
  return events.map((event) => (previous = eventHash(event, previous)));
}

async function expectLinearChain(store: EventStore, stream: string): Promise<readonly RecordedEvent[]> {
  const { events } = await store.readStream(stream);
  expect(events.map((e) => e.streamRevision)).toEqual(events.map((_, n) => n));
  expect(events.map((e) => e.hash)).toEqual(recomputedChain(events));
  return events;
}

/**
 * A ledger event appended after `head` by another writer (another process of the ledger), bypassing
 * this store: it is hashed as the ledger hashes, and written raw. Answers the stream's new head.
 */
function writeAsAnotherLedger(server: SimulatedEsdbServer, stream: string, head: StreamHead): StreamHead {
  const [event] = chainEvents(stream, head, [
    { ...newEvent({ by: 'another writer' }), eventId: randomUUID() },
  ]);
  if (event === undefined) throw new Error('nothing chained');
  server.writeRaw(stream, event.type, event.data, toEsdbMetadata(event, event.hash), event.eventId);
  return { revision: head.revision + 1, hash: event.hash };
}

/** The plan a command recorded, as the server holds it. */
async function recordedPlan(server: SimulatedEsdbServer, commandId: string): Promise<CommandPlan> {
  for await (const { event } of server.connect().readStream(commandStream(commandId), {})) {
    if (event?.type === 'CommandPlanned') return event.data as unknown as CommandPlan;
  }
  throw new Error(`No plan recorded for ${commandId}`);
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

    test('given a command stopped after its first write, when completed, then the rest is written with the hashes its plan recorded and every stream chains', async () => {
      const commandId = randomUUID();
      server.faults.beforeAppend = killedAt(grant);
      await expect(store.appendMultiple(award(0), { commandId })).rejects.toThrow('process killed');
      server.faults.beforeAppend = undefined;

      await store.findCommandResult(commandId);
      const plan = await recordedPlan(server, commandId);
      const [grantEvent] = await expectLinearChain(store, grant);
      const [, committed] = await expectLinearChain(store, programme);
      expect(grantEvent?.hash).toBe(plan.writes[0]?.events[0]?.hash);
      expect(committed?.hash).toBe(plan.writes[1]?.events[0]?.hash);
    });

    test('given a command stopped before its any write and that stream moved on since, when retried, then the any write lands after the newcomer, chained from it, once', async () => {
      const commandId = randomUUID();
      const log = newStream();
      await store.appendToStream(log, 'no-stream', [newEvent()]);
      const writes: StreamWrite[] = [
        ...award(0),
        { stream: log, expectedRevision: 'any', events: [newEvent({ planned: 1 })] },
      ];
      server.faults.beforeAppend = killedAt(log);
      await expect(store.appendMultiple(writes, { commandId })).rejects.toThrow('process killed');
      server.faults.beforeAppend = undefined;
      await store.appendToStream(log, 0, [newEvent({ newcomer: 1 })]);

      const retried = await store.appendMultiple(writes, { commandId });
      expect(retried.streams).toEqual([
        { stream: grant, revision: 0 },
        { stream: programme, revision: 1 },
        { stream: log, revision: 2 },
      ]);
      const events = await expectLinearChain(store, log);
      expect(events.map((e) => e.data)).toEqual([{ n: 0 }, { newcomer: 1 }, { planned: 1 }]);
      expect(await store.appendMultiple(writes, { commandId })).toEqual(retried);
      expect((await store.readStream(log)).events).toHaveLength(3);
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
    // The store itself refuses to append after an event without a hash: another writer does it.
    writeAsAnotherLedger(server, stream, { revision: 1, hash: 'ab'.repeat(32) });
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

describe('eventstoredb adapter on a simulated server: the hash chain under concurrency', () => {
  let server: SimulatedEsdbServer;
  let store: EventStoreDbEventStore;
  let stream = '';
  let head: StreamHead = { revision: -1, hash: null };

  beforeEach(async () => {
    server = new SimulatedEsdbServer();
    store = openOn(server);
    stream = newStream();
    await store.appendToStream(stream, 'no-stream', [newEvent()]);
    const [first] = (await store.readStream(stream)).events;
    head = { revision: 0, hash: first?.hash ?? null };
  });
  afterEach(() => store.close());

  describe.each([
    ['without a command id', () => ({})],
    ['with a command id', () => ({ commandId: randomUUID() })],
  ])('%s', (_label, options) => {
    test('given another writer appending between the read of the head and the write, when appending with any, then the write is refused once, observed again and lands chained after the other', async () => {
      server.faults.beforeAppend = (target) => {
        if (target !== stream) return;
        server.faults.beforeAppend = undefined;
        writeAsAnotherLedger(server, stream, head);
      };
      const result = await store.appendToStream(stream, 'any', [newEvent({ late: 1 })], options());
      expect(result.streams).toEqual([{ stream, revision: 2 }]);
      expect(server.refusedAppends()).toBe(1);
      const events = await expectLinearChain(store, stream);
      expect(events.map((e) => e.data)).toEqual([{ n: 0 }, { by: 'another writer' }, { late: 1 }]);
    });

    test('given two stores racing five any appends each to one stream, when all finish, then every event is stored once and each hash chains from the one before', async () => {
      const other = openOn(server);
      try {
        const appends = [store, other].flatMap((racer, r) =>
          Array.from({ length: 5 }, (_, n) =>
            racer.appendToStream(stream, 'any', [newEvent({ racer: r, n })], options()),
          ),
        );
        const results = await Promise.all(appends);
        expect(server.refusedAppends()).toBeGreaterThan(0);
        expect(results.map((r) => r.streams[0]?.revision).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([
          1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
        ]);
        const events = await expectLinearChain(store, stream);
        expect(events).toHaveLength(11);
        expect(new Set(events.map((e) => e.eventId)).size).toBe(11);
      } finally {
        await other.close();
      }
    });

    test('given a stream that moves before every attempt, when appending with any, then it gives up after ten attempts with a ConcurrencyError and writes nothing', async () => {
      server.faults.beforeAppend = (target) => {
        if (target === stream) head = writeAsAnotherLedger(server, stream, head);
      };
      const error = await store
        .appendToStream(stream, 'any', [newEvent({ late: 1 })], options())
        .catch((e: unknown) => e);
      server.faults.beforeAppend = undefined;
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ stream, expected: 'any', actual: 10 });
      expect(server.refusedAppends()).toBe(10);
      const events = await expectLinearChain(store, stream);
      expect(events.map((e) => e.data)).not.toContainEqual({ late: 1 });
    });
  });

  test('given a stream whose last event has no hash, when appending to it, then refused naming that event, with nothing written', async () => {
    server.writeRaw(stream, 'Foreign', { n: 1 });
    await expect(store.appendToStream(stream, 'any', [newEvent()])).rejects.toThrow(
      `of stream ${stream} at revision 1 has no hash in its metadata, so it is not a ledger event of this version`,
    );
    await expect(store.appendToStream(stream, 1, [newEvent()], { commandId: randomUUID() })).rejects.toThrow(
      'has no hash in its metadata',
    );
    expect(server.refusedAppends()).toBe(0);
  });

  test('given a plan recorded by a version that did not hash events, when its command is completed, then refused before anything is written', async () => {
    const commandId = randomUUID();
    const target = newStream();
    const unhashed = {
      fingerprint: null,
      writes: [
        {
          stream: target,
          expectedRevision: 'no-stream',
          observedRevision: -1,
          events: [{ ...newEvent(), eventId: randomUUID() }],
        },
      ],
      order: [0],
    };
    server.writeRaw(commandStream(commandId), 'CommandPlanned', unhashed);
    await expect(store.findCommandResult(commandId)).rejects.toThrow(
      `The write to ${target} of command ${commandId} has events without hashes`,
    );
    expect((await store.readStream(target)).revision).toBe(-1);
  });
});
