// The point of this file: the ledger's envelope maps onto EventStoreDB's data and metadata, and back.
import { describe, expect, test } from '@jest/globals';
import type { NewEvent } from '../port.js';
import { type StoredEsdbEvent, storedHash, toEventData, toRecordedEvent } from './esdb-envelope.js';

const newEvent: NewEvent = {
  type: 'GrantAmountCorrected',
  data: { amount: { pence: 2_000_000, currency: 'GBP' } },
  schemaVersion: 2,
  occurredAt: '2018-03-01T10:00:00.000Z',
  metadata: {
    actor: { id: 'user-pm-1', role: 'programme-manager' },
    commandId: 'cmd-1',
    correlationId: 'corr-1',
    causationId: 'cause-1',
    source: 'cli',
    reason: 'typo in the amount',
  },
};
const HASH = 'ab'.repeat(32);

/** As the client hands a read event over: JSON parsed back, revision and offsets as bigints. */
function stored(overrides: Partial<StoredEsdbEvent> = {}): StoredEsdbEvent {
  const written = toEventData(newEvent, '7d444840-9dc0-11d1-b245-5ffdce74fad2', HASH);
  return {
    streamId: 'grant-g1',
    id: written.id,
    revision: 3n,
    type: written.type,
    created: new Date('2024-05-01T09:30:15.123Z'),
    isJson: true,
    data: JSON.parse(JSON.stringify(written.data)) as unknown,
    metadata: JSON.parse(JSON.stringify(written.metadata)) as unknown,
    position: { commit: 1000n, prepare: 1057n },
    ...overrides,
  };
}

describe('eventstoredb envelope', () => {
  test('given a new event, when mapped for the client, then JSON data, the id given, and the envelope with its hash, $correlationId and $causationId in metadata', () => {
    expect(toEventData(newEvent, 'id-1', HASH)).toEqual({
      id: 'id-1',
      contentType: 'application/json',
      type: 'GrantAmountCorrected',
      data: { amount: { pence: 2_000_000, currency: 'GBP' } },
      metadata: {
        occurredAt: '2018-03-01T10:00:00.000Z',
        schemaVersion: 2,
        actor: { id: 'user-pm-1', role: 'programme-manager' },
        commandId: 'cmd-1',
        correlationId: 'corr-1',
        causationId: 'cause-1',
        source: 'cli',
        reason: 'typo in the amount',
        hash: HASH,
        $correlationId: 'corr-1',
        $causationId: 'cause-1',
      },
    });
  });

  test('given an event without reason or data, when mapped, then no reason key and null data', () => {
    const { reason: _reason, ...metadata } = newEvent.metadata;
    const data = toEventData({ ...newEvent, data: undefined, metadata }, 'id-1', HASH);
    expect(data.data).toBeNull();
    expect(data.metadata).not.toHaveProperty('reason');
  });

  test('given a stored event, when read, then the full envelope with recordedAt from the server, the position as text and the stored hash', () => {
    expect(toRecordedEvent(stored())).toEqual({
      eventId: '7d444840-9dc0-11d1-b245-5ffdce74fad2',
      type: 'GrantAmountCorrected',
      stream: 'grant-g1',
      streamRevision: 3,
      globalPosition: '1000:1057',
      occurredAt: '2018-03-01T10:00:00.000Z',
      recordedAt: '2024-05-01T09:30:15.123Z',
      schemaVersion: 2,
      data: { amount: { pence: 2_000_000, currency: 'GBP' } },
      metadata: newEvent.metadata,
      hash: HASH,
    });
    expect(storedHash(stored())).toBe(HASH);
  });

  test('given a new event whose metadata carries more than the port defines, when stored and read, then neither the extras nor the hash or $ keys come back in its metadata', () => {
    const extra = { ...newEvent.metadata, sessionId: 's-1' } as NewEvent['metadata'];
    const written = toEventData({ ...newEvent, metadata: extra }, 'id-3', HASH);
    const read = toRecordedEvent(
      stored({ metadata: JSON.parse(JSON.stringify(written.metadata)) as unknown }),
    );
    expect(read.metadata).toEqual(newEvent.metadata);
    expect(written.metadata).not.toHaveProperty('sessionId');
  });

  test('given a foreign event without metadata, when its hash is asked for (as the head of a stream to append to), then it is refused naming the event', () => {
    expect(() => storedHash(stored({ metadata: undefined }))).toThrow(
      'Event 7d444840-9dc0-11d1-b245-5ffdce74fad2 of stream grant-g1 at revision 3 has no hash in its metadata',
    );
  });

  test('given a stored event without reason, when read, then its metadata has no reason key', () => {
    const { reason: _reason, ...metadata } = newEvent.metadata;
    const written = toEventData({ ...newEvent, metadata }, 'id-2', HASH);
    const read = toRecordedEvent(
      stored({ metadata: JSON.parse(JSON.stringify(written.metadata)) as unknown }),
    );
    expect(read.metadata).toEqual(metadata);
    expect(read.metadata).not.toHaveProperty('reason');
  });

  test.each([
    ['no metadata', { metadata: undefined }, 'has no ledger envelope'],
    [
      'metadata without an actor',
      { metadata: { occurredAt: 'x', schemaVersion: 1 } },
      'has no ledger envelope',
    ],
    [
      'an unknown source',
      { metadata: { ...(stored().metadata as object), source: 'fax' } },
      'has no ledger envelope',
    ],
    [
      'no hash (not written by this version of the ledger)',
      { metadata: { ...(stored().metadata as object), hash: undefined } },
      'has no hash in its metadata, so it is not a ledger event of this version',
    ],
    [
      'a hash that is not 64 hex digits',
      { metadata: { ...(stored().metadata as object), hash: 'AB'.repeat(32) } },
      'has no hash in its metadata, so it is not a ledger event of this version',
    ],
    ['binary data', { isJson: false, data: new Uint8Array([1]) }, 'is not JSON'],
    [
      'no position (server before 22.6)',
      { position: undefined },
      'came without its position: EventStoreDB 22.6 or later is required',
    ],
  ])(
    'given a stored event with %s, when read, then it is refused naming the event',
    (_case, overrides, reason) => {
      expect(() => toRecordedEvent(stored(overrides))).toThrow(
        `Event 7d444840-9dc0-11d1-b245-5ffdce74fad2 of stream grant-g1 at revision 3 ${reason}`,
      );
    },
  );
});
