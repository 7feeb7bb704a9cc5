import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { type EventStore, openSqliteEventStore, UpcastingEventStore } from '@ledger/event-store';
import { LEDGER_UPCASTER_CHAIN } from '@ledger/ledger-domain';
import { openSqliteKeyStore, PersonalDataEventStore, type PersonalKeyStore } from '@ledger/personal-data';
import type { CommandContext } from '../shared/command-context.js';
import { RegisterPartnerCommand } from '../register-partner/register-partner.command.js';
import { RegisterPartnerHandler } from '../register-partner/register-partner.handler.js';
import { ForgetPersonCommand } from './forget-person.command.js';
import { ForgetPersonHandler } from './forget-person.handler.js';

const NOW = '2019-03-01T09:30:00.000Z';

function contextOf(commandId = randomUUID(), now = NOW): CommandContext {
  return {
    commandId,
    correlationId: commandId,
    causationId: commandId,
    actor: { id: 'admin-1', role: 'admin' },
    source: 'cli',
    now,
  };
}

describe('forget a person', () => {
  let dir: string;
  let keys: PersonalKeyStore;
  let store: EventStore;
  let forget: ForgetPersonHandler;

  const register = (partnerId: string, personId?: string) =>
    new RegisterPartnerHandler(store).execute(
      new RegisterPartnerCommand(
        {
          partnerId,
          name: 'Harbourside Bank',
          sector: 'business',
          contactPerson: { name: 'Zelda Quinton-Fairweather', ...(personId ? { personId } : {}) },
        },
        contextOf(),
      ),
    );
  const forgetting = (personId: string, context = contextOf()) =>
    new ForgetPersonCommand({ personId, reason: 'Erasure request 2019-17' }, context);
  const contactOf = async (partnerId: string) =>
    ((await store.readStream(`partner-${partnerId}`)).events[0]?.data as { contactPerson: unknown })
      .contactPerson;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-forget-'));
    keys = openSqliteKeyStore({ file: join(dir, 'keys.sqlite') });
    const raw = openSqliteEventStore({ file: join(dir, 'events.sqlite') });
    store = new UpcastingEventStore(new PersonalDataEventStore(raw, keys), LEDGER_UPCASTER_CHAIN);
    forget = new ForgetPersonHandler(store, keys);
  });
  afterEach(async () => {
    await store.close();
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('given a registered contact person, when forgotten, then PersonalDataErased is recorded with the reason, the key is destroyed and the partner reads erased', async () => {
    await register('p1');
    const outcome = await forget.execute(forgetting('contact-p1'));
    expect(outcome).toMatchObject({ stream: 'person-contact-p1', revision: 0, replayed: false });
    const [erased] = (await store.readStream('person-contact-p1')).events;
    expect(erased).toMatchObject({
      type: 'PersonalDataErased',
      data: { personId: 'contact-p1', erasedAt: NOW },
      metadata: { reason: 'Erasure request 2019-17', actor: { id: 'admin-1', role: 'admin' } },
    });
    expect(await keys.getKey('contact-p1')).toEqual({ status: 'erased', erasedAt: NOW });
    expect(await contactOf('p1')).toEqual({ personId: 'contact-p1', erased: true });
  });

  test('given a forget recorded whose key was not destroyed yet, when retried, then the key is destroyed and the first erasure answers', async () => {
    await register('p1');
    // The process dies between the two steps: the erasure is recorded, the key is still there.
    const dying: PersonalKeyStore = Object.create(keys, {
      destroyKey: { value: () => Promise.reject(new Error('power cut')) },
    }) as PersonalKeyStore;
    const first = await new ForgetPersonHandler(store, dying)
      .execute(forgetting('contact-p1'))
      .catch((error: unknown) => error);
    expect(first).toEqual(new Error('power cut'));
    expect(await keys.isErased('contact-p1')).toBe(false);
    const retried = await forget.execute(
      forgetting('contact-p1', contextOf(randomUUID(), '2019-03-02T00:00:00.000Z')),
    );
    expect(retried).toMatchObject({ stream: 'person-contact-p1', revision: 0, replayed: true });
    expect(await keys.getKey('contact-p1')).toEqual({
      status: 'erased',
      erasedAt: '2019-03-02T00:00:00.000Z',
    });
    expect((await store.readStream('person-contact-p1')).events).toHaveLength(1);
  });

  test('given a forgotten person, when forgotten again with the same or another command id, then nothing new is written', async () => {
    await register('p1');
    const context = contextOf();
    const first = await forget.execute(forgetting('contact-p1', context));
    expect(await forget.execute(forgetting('contact-p1', context))).toEqual({ ...first, replayed: true });
    expect(await forget.execute(forgetting('contact-p1'))).toMatchObject({
      eventIds: first.eventIds,
      position: first.position,
      replayed: true,
    });
    expect((await store.readStream('person-contact-p1')).events).toHaveLength(1);
  });

  test('given a person the ledger never held data of, when forgotten, then PERSON.NOT_FOUND and nothing is written', async () => {
    await expect(forget.execute(forgetting('nobody'))).rejects.toMatchObject({
      code: 'PERSON.NOT_FOUND',
      kind: 'not-found',
    });
    expect((await store.readStream('person-nobody')).revision).toBe(-1);
    expect(await keys.getKey('nobody')).toEqual({ status: 'unknown' });
  });

  test('given a person named as contact by two partners, when forgotten, then both read erased and neither can be registered again with them', async () => {
    await register('p1', 'person-shared');
    await register('p2', 'person-shared');
    await forget.execute(forgetting('person-shared'));
    expect(await contactOf('p1')).toEqual({ personId: 'person-shared', erased: true });
    expect(await contactOf('p2')).toEqual({ personId: 'person-shared', erased: true });
    await expect(register('p3', 'person-shared')).rejects.toMatchObject({ code: 'PERSON.ERASED' });
    expect((await store.readStream('partner-p3')).revision).toBe(-1);
  });
});
