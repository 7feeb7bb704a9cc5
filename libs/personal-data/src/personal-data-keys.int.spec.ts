import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import {
  ConcurrencyError,
  type EventStore,
  EventStoreUnavailableError,
  type NewEvent,
  openSqliteEventStore,
} from '@ledger/event-store';
import { PersonalDataEventStore } from './personal-data-event-store.js';
import type { PersonalKeyStore } from './personal-key-store.js';
import { openSqliteKeyStore } from './sqlite/sqlite-key-store.js';

function registered(
  partnerId: string,
  personId: string,
  extra: object = {},
  commandId = randomUUID(),
): NewEvent {
  return {
    type: 'PartnerRegistered',
    data: {
      partnerId,
      name: 'Harbourside Bank',
      sector: 'business',
      contactPerson: { personId, name: `Contact ${personId}` },
      ...extra,
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

/** The same store, but every append fails with `error` (as a store that cannot be reached does). */
function appendsFailing<T extends object>(store: T, method: keyof T, error: Error): T {
  return new Proxy(store, {
    get: (target, prop) => {
      if (prop === method) return () => Promise.reject(error);
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** A key may exist only while an event that uses it is committed (ADR 0020). */
describe('personal data event store: keys follow committed events', () => {
  let dir: string;
  let raw: EventStore;
  let keys: PersonalKeyStore;
  let store: PersonalDataEventStore;
  const reopenKeys = () => openSqliteKeyStore({ file: join(dir, 'keys.sqlite') });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-claims-'));
    raw = openSqliteEventStore({ file: join(dir, 'events.sqlite') });
    keys = reopenKeys();
    store = new PersonalDataEventStore(raw, keys);
  });
  afterEach(async () => {
    await raw.close();
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('given a registration refused for its expected revision, then its new contact has no key, while the recorded one keeps theirs', async () => {
    await store.appendToStream('partner-p1', 'no-stream', [registered('p1', 'first')]);

    const refused = store.appendToStream('partner-p1', 'no-stream', [registered('p1', 'second')]);

    await expect(refused).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await keys.getKey('second')).toEqual({ status: 'unknown' });
    expect(await keys.getKey('first')).toMatchObject({ status: 'active' });
    expect(await keys.unsettledClaims(0)).toEqual([]);
  });

  test('given an append the store underneath refuses after the key was made (text with a lone surrogate), then no key is left', async () => {
    const illFormed = registered('p2', 'contact-p2', { name: 'Harbourside \ud800 Bank' });

    await expect(store.appendToStream('partner-p2', 'no-stream', [illFormed])).rejects.toThrow(
      'Lone surrogate',
    );

    expect(await keys.getKey('contact-p2')).toEqual({ status: 'unknown' });
  });

  test('given two appends racing for one person, when one commits and the other conflicts, then the key stays and the recorded event reads', async () => {
    const [first, second] = await Promise.allSettled([
      store.appendToStream('partner-p3', 'no-stream', [registered('p3', 'contact-p3')]),
      store.appendToStream('partner-p3', 'no-stream', [registered('p3', 'contact-p3')]),
    ]);

    expect([first.status, second.status].sort()).toEqual(['fulfilled', 'rejected']);
    const [stored] = (await store.readStream('partner-p3')).events;
    expect(stored?.data).toMatchObject({
      contactPerson: { personId: 'contact-p3', name: 'Contact contact-p3' },
    });
    expect(await keys.unsettledClaims(0)).toEqual([]);
  });

  test('given a command recorded before, when replayed with the same command id naming another person, then the first result comes back and the other person has no key', async () => {
    const commandId = randomUUID();
    const first = await store.appendToStream('partner-p4', 'no-stream', [registered('p4', 'kept')], {
      commandId,
    });

    const replayed = await store.appendMultiple(
      [{ stream: 'partner-p4', expectedRevision: 'no-stream', events: [registered('p4', 'stranger')] }],
      { commandId },
    );

    expect(replayed).toEqual({ ...first, replayed: true });
    expect(await keys.getKey('stranger')).toEqual({ status: 'unknown' });
    expect(await keys.getKey('kept')).toMatchObject({ status: 'active' });
  });

  test('given a store that cannot be reached, when an append fails, then its claim is left to a reconciliation, which deletes the key once no event turned up', async () => {
    const unreachable = new PersonalDataEventStore(
      appendsFailing(
        raw,
        'appendToStream',
        new EventStoreUnavailableError('The server did not answer in time'),
      ),
      keys,
    );

    await expect(
      unreachable.appendToStream('partner-p5', 'no-stream', [registered('p5', 'contact-p5')]),
    ).rejects.toBeInstanceOf(EventStoreUnavailableError);
    expect(await keys.getKey('contact-p5')).toMatchObject({ status: 'active' });

    expect(await store.reconcileKeyClaims()).toEqual({ claims: 0, deleted: [] });
    expect(await store.reconcileKeyClaims({ olderThanMs: 0 })).toEqual({
      claims: 1,
      deleted: ['contact-p5'],
    });
    expect(await keys.getKey('contact-p5')).toEqual({ status: 'unknown' });
  });

  test('given a process killed after claiming one key and another killed after appending but before settling, when the stores are reopened and reconciled, then only the committed contact keeps a key', async () => {
    // Killed between the key and the append: the claim is made, nothing is written.
    await keys.claimKeys({ claimId: randomUUID(), personIds: ['lost'], streams: ['partner-lost'] });
    // Killed after the append: the key store never hears that the append committed.
    const neverSettles = appendsFailing(keys, 'settleClaim', new Error('killed'));
    await new PersonalDataEventStore(raw, neverSettles).appendToStream('partner-kept', 'no-stream', [
      registered('kept', 'kept'),
    ]);
    await raw.close();
    await keys.close();

    raw = openSqliteEventStore({ file: join(dir, 'events.sqlite') });
    keys = reopenKeys();
    const reopened = new PersonalDataEventStore(raw, keys);
    expect(await reopened.reconcileKeyClaims({ olderThanMs: 0 })).toEqual({ claims: 2, deleted: ['lost'] });

    expect(await keys.getKey('lost')).toEqual({ status: 'unknown' });
    const [kept] = (await reopened.readStream('partner-kept')).events;
    expect(kept?.data).toMatchObject({ contactPerson: { personId: 'kept', name: 'Contact kept' } });
    expect(await keys.unsettledClaims(0)).toEqual([]);
  });
});
