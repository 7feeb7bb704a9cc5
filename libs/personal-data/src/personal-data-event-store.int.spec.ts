import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import {
  eventHash,
  type EventStore,
  type NewEvent,
  openSqliteEventStore,
  type RecordedEvent,
} from '@ledger/event-store';
import { DomainError } from '@ledger/ledger-domain';
import { PersonalDataShapeError, PersonalDataUnreadableError } from './personal-data.errors.js';
import { PersonalDataEventStore } from './personal-data-event-store.js';
import { openSqliteKeyStore, type SqliteKeyStore } from './sqlite/sqlite-key-store.js';

const NAME = 'Zelda Quinton-Fairweather';
const EMAIL = 'zelda.qf@example.org';

function registered(partnerId: string, contactPerson?: object, commandId = randomUUID()): NewEvent {
  return {
    type: 'PartnerRegistered',
    data: {
      partnerId,
      name: 'Harbourside Bank',
      sector: 'business',
      ...(contactPerson ? { contactPerson } : {}),
    },
    schemaVersion: 2,
    occurredAt: '2018-03-01T10:00:00.000Z',
    metadata: {
      actor: { id: 'pm-1', role: 'programme-manager' },
      commandId,
      correlationId: commandId,
      causationId: commandId,
      source: 'api',
    },
  };
}

/** Recomputes each stream's hash chain from the events as stored: true when every hash matches. */
function chainHolds(events: readonly RecordedEvent[]): boolean {
  const previous = new Map<string, string>();
  return events.every((event) => {
    const expected = eventHash(event, previous.get(event.stream) ?? null);
    previous.set(event.stream, event.hash);
    return expected === event.hash;
  });
}

async function collect(store: EventStore, count: number): Promise<RecordedEvent[]> {
  const seen: RecordedEvent[] = [];
  const subscription = store.subscribe();
  for await (const batch of subscription) {
    seen.push(...batch);
    if (seen.length >= count) break;
  }
  return seen;
}

describe('personal data event store', () => {
  let dir: string;
  let eventsFile: string;
  let raw: EventStore;
  let keys: SqliteKeyStore;
  let store: PersonalDataEventStore;
  const contact = { personId: 'contact-p1', name: NAME, email: EMAIL };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-personal-'));
    eventsFile = join(dir, 'events.sqlite');
    raw = openSqliteEventStore({ file: eventsFile });
    keys = openSqliteKeyStore({ file: join(dir, 'keys.sqlite') });
    store = new PersonalDataEventStore(raw, keys, { closesKeys: true });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('given a contact person appended, when read through every path, then it reads as written, while the log holds only ciphertext', async () => {
    await store.appendToStream('partner-p1', 'no-stream', [registered('p1', contact)]);
    const [viaStream] = (await store.readStream('partner-p1')).events;
    const [viaAll] = await store.readAll();
    const [viaSubscription] = await collect(store, 1);
    for (const event of [viaStream, viaAll, viaSubscription]) {
      expect(event?.data).toEqual({
        partnerId: 'p1',
        name: 'Harbourside Bank',
        sector: 'business',
        contactPerson: contact,
      });
    }
    const [stored] = (await raw.readStream('partner-p1')).events;
    expect(stored?.data).toEqual({
      partnerId: 'p1',
      name: 'Harbourside Bank',
      sector: 'business',
      contactPerson: {
        personId: 'contact-p1',
        encrypted: {
          alg: 'A256GCM',
          iv: expect.any(String),
          tag: expect.any(String),
          ciphertext: expect.any(String),
        },
      },
    });
    const bytes = Buffer.concat(
      [eventsFile, `${eventsFile}-wal`].filter(existsSync).map((f) => readFileSync(f)),
    );
    expect(bytes.includes(Buffer.from(NAME))).toBe(false);
    expect(bytes.includes(Buffer.from(EMAIL))).toBe(false);
    expect(await keys.getKey('contact-p1')).toMatchObject({ status: 'active' });
  });

  test('given a person forgotten by another process, when read at once through every path, then they are erased and the stored chain still verifies', async () => {
    await store.appendToStream('partner-p1', 'no-stream', [registered('p1', contact)]);
    await store.appendToStream('partner-p2', 'no-stream', [
      registered('p2', { personId: 'contact-p2', name: 'Kept' }),
    ]);
    const storedBefore = await raw.readAll();
    const elsewhere = openSqliteKeyStore({ file: keys.file });
    await elsewhere.destroyKey('contact-p1', '2019-03-01T09:30:00.000Z');
    await elsewhere.close();

    const reads = [
      (await store.readStream('partner-p1')).events[0],
      (await store.readAll())[0],
      (await collect(store, 2))[0],
    ];
    for (const event of reads) {
      expect(event?.data).toMatchObject({
        partnerId: 'p1',
        contactPerson: { personId: 'contact-p1', erased: true },
      });
    }
    expect((await store.readStream('partner-p2')).events[0]?.data).toMatchObject({
      contactPerson: { personId: 'contact-p2', name: 'Kept' },
    });
    const storedAfter = await raw.readAll();
    expect(storedAfter).toEqual(storedBefore);
    expect(chainHolds(storedAfter)).toBe(true);
  });

  test('given a forgotten person, when their data is appended again, then PERSON.ERASED and nothing is written', async () => {
    await store.appendToStream('partner-p1', 'no-stream', [registered('p1', contact)]);
    await keys.destroyKey('contact-p1', '2019-03-01T09:30:00.000Z');
    const again = store.appendToStream('partner-p9', 'no-stream', [registered('p9', contact)]);
    await expect(again).rejects.toBeInstanceOf(DomainError);
    await expect(again).rejects.toMatchObject({ code: 'PERSON.ERASED', kind: 'conflict' });
    expect((await raw.readStream('partner-p9')).revision).toBe(-1);
  });

  test('given a command recorded before its person was forgotten, when retried with the same command id, then the first result comes back', async () => {
    const commandId = randomUUID();
    const first = await store.appendToStream(
      'partner-p1',
      'no-stream',
      [registered('p1', contact, commandId)],
      {
        commandId,
      },
    );
    await keys.destroyKey('contact-p1', '2019-03-01T09:30:00.000Z');
    const retried = await store.appendMultiple(
      [
        {
          stream: 'partner-p1',
          expectedRevision: 'no-stream',
          events: [registered('p1', contact, commandId)],
        },
      ],
      { commandId },
    );
    expect(retried).toEqual({ ...first, replayed: true });
  });

  test('given personal data without a usable person id, when appended, then it is refused naming the field, with no key made and nothing written', async () => {
    for (const bad of [
      { name: NAME },
      { personId: 'has space', name: NAME },
      { personId: 'contact-p1', erased: true },
    ]) {
      await expect(store.appendToStream('partner-p1', 'any', [registered('p1', bad)])).rejects.toBeInstanceOf(
        PersonalDataShapeError,
      );
    }
    await expect(
      store.appendToStream('partner-p1', 'any', [registered('p1', { name: NAME })]),
    ).rejects.toThrow('PartnerRegistered.contactPerson.personId must be 1-128 letters');
    expect(await keys.getKey('contact-p1')).toEqual({ status: 'unknown' });
    expect((await raw.readStream('partner-p1')).revision).toBe(-1);
  });

  test('given one atomic append to two streams for two people, then each person gets a key and each field its own ciphertext', async () => {
    await store.appendMultiple([
      {
        stream: 'partner-a',
        expectedRevision: 'no-stream',
        events: [registered('a', { personId: 'person-a', name: 'A' })],
      },
      {
        stream: 'partner-b',
        expectedRevision: 'no-stream',
        events: [registered('b', { personId: 'person-b', name: 'B' })],
      },
    ]);
    const stored = await raw.readAll();
    expect(
      stored.map((e) => (e.data as { contactPerson: { personId: string } }).contactPerson.personId),
    ).toEqual(['person-a', 'person-b']);
    expect((await store.readAll()).map((e) => (e.data as { contactPerson: unknown }).contactPerson)).toEqual([
      { personId: 'person-a', name: 'A' },
      { personId: 'person-b', name: 'B' },
    ]);
  });

  test('given events without personal data and a registration stored in clear before encryption, when read, then they come as stored', async () => {
    const legacy = { ...registered('old', { name: 'Legacy Contact' }), schemaVersion: 1 };
    await raw.appendToStream('partner-old', 'no-stream', [legacy]);
    await store.appendToStream('partner-none', 'no-stream', [registered('none')]);
    const events = await store.readAll();
    expect(events.map((e) => e.data)).toEqual([legacy.data, registered('none').data]);
    expect(events).toEqual(await raw.readAll());
  });

  test('given a encrypted field whose person has no key here, when read, then it fails naming the event; a subscription delivers the events before it first', async () => {
    await store.appendToStream('partner-p1', 'no-stream', [registered('p1')]);
    await store.appendToStream('partner-p2', 'no-stream', [registered('p2', contact)]);
    const otherKeys = openSqliteKeyStore({ file: join(dir, 'other-keys.sqlite') });
    const stranger = new PersonalDataEventStore(raw, otherKeys);
    try {
      const [, encrypted] = await raw.readAll();
      await expect(stranger.readAll()).rejects.toBeInstanceOf(PersonalDataUnreadableError);
      await expect(stranger.readStream('partner-p2')).rejects.toThrow(
        `Personal data of person contact-p1 in event ${encrypted?.eventId ?? '?'} (PartnerRegistered, stream partner-p2, position ${String(encrypted?.globalPosition)}) cannot be read: the key store holds no key for this person`,
      );
      const seen: string[] = [];
      const reading = (async () => {
        for await (const batch of stranger.subscribe()) seen.push(...batch.map((e) => e.stream));
      })();
      await expect(reading).rejects.toBeInstanceOf(PersonalDataUnreadableError);
      expect(seen).toEqual(['partner-p1']);
    } finally {
      await otherKeys.close();
    }
  });
});
