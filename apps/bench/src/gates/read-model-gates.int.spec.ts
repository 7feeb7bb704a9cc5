import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import Database from 'better-sqlite3';
import {
  type EventStore,
  type NewEvent,
  openSqliteEventStore,
  type StreamWrite,
  UpcastingEventStore,
} from '@ledger/event-store';
import { LEDGER_UPCASTER_CHAIN } from '@ledger/ledger-domain';
import { openSqliteKeyStore, PersonalDataEventStore, type PersonalKeyStore } from '@ledger/personal-data';
import { ALL_PROJECTIONS, rebuildProjections } from '@ledger/projections';
import { ledgerEvents } from '@ledger/testing';
import { checkReadModels, ExpectedReadModels, type ReadModelGate } from './read-model-gates.js';

const EVENTS = 3_000;
const ERASED_AT = '2022-01-10T09:00:00.000Z';

jest.setTimeout(120_000);

/** A forget as the application records it: PersonalDataErased on `person-<id>`, then the key destroyed. */
function erasure(personId: string): StreamWrite {
  const commandId = '00000000-0000-4000-9000-000000000001';
  const event: NewEvent = {
    type: 'PersonalDataErased',
    data: { personId, erasedAt: ERASED_AT },
    schemaVersion: 1,
    occurredAt: ERASED_AT,
    metadata: {
      actor: { id: 'admin-1', role: 'admin' },
      ...{ commandId, correlationId: commandId, causationId: commandId },
      source: 'cli',
      reason: 'Erasure request',
    },
  };
  return { stream: `person-${personId}`, expectedRevision: 'any', events: [event] };
}

const contactOf = (write: StreamWrite): string | undefined =>
  write.events
    .map((event) => (event.data as { contactPerson?: { personId?: string } }).contactPerson?.personId)
    .find((id) => id !== undefined);

const byName = (gates: readonly ReadModelGate[], name: string) =>
  gates.find((gate) => gate.readModel === name);

describe('read-model gates', () => {
  let dir: string;
  let keys: PersonalKeyStore;
  let store: EventStore;
  let readFile: string;
  const expected = new ExpectedReadModels();

  /** Appends as the bench does, in file order, applying each event to the expected figures too. */
  const append = async (writes: readonly StreamWrite[]) => {
    await store.appendMultiple(writes);
    for (const { stream, events } of writes) for (const event of events) expected.apply(stream, event);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-bench-gates-'));
    keys = openSqliteKeyStore({ file: join(dir, 'keys.sqlite') });
    const raw = openSqliteEventStore({ file: join(dir, 'events.sqlite') });
    store = new UpcastingEventStore(new PersonalDataEventStore(raw, keys), LEDGER_UPCASTER_CHAIN);
    readFile = join(dir, 'read.sqlite');
    const workload = ledgerEvents({ events: EVENTS });
    for (const writes of workload) await append(writes);
    // An extra command after the workload: one partner's contact person forgotten.
    const personId =
      workload
        .flat()
        .map(contactOf)
        .find((id) => id !== undefined) ?? 'contact-none';
    await append([erasure(personId)]);
    await keys.destroyKey(personId, ERASED_AT);
    const names = ALL_PROJECTIONS.map((projection) => projection.name);
    const results = await rebuildProjections(store, readFile, ALL_PROJECTIONS, names);
    expect(results.map(({ name, status }) => ({ name, status }))).toEqual(
      names.map((name) => ({ name, status: 'Success' })),
    );
  });
  afterAll(async () => {
    await store.close();
    await keys.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('given 3,000 generated events and a forget appended and every projection rebuilt, when the gates run, then every read model is ok with equal checksums', () => {
    const started = performance.now();
    const gates = checkReadModels(readFile, expected);
    const ms = Math.round(performance.now() - started);

    console.log(`checkReadModels: ${expected.events} events, ${ms} ms`);
    expect(gates.map((gate) => gate.readModel)).toEqual([
      'grant-register',
      'audit-trail',
      'innovator-summary',
      'introduction-funnel',
      'programme-impact',
    ]);
    expect(gates.filter((gate) => !gate.ok)).toEqual([]);
    for (const gate of gates) {
      expect(gate.actual).toBe(gate.expected);
      expect(gate.expected).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(expected.facts.grants.size).toBeGreaterThan(50);
  });

  test("given one grant's amount_paid changed and one audit-trail row deleted in the read-store file, when the gates run, then those two read models are not ok and the problems name the grant and the event", () => {
    const db = new Database(readFile);
    const grant = db
      .prepare(
        'SELECT grant_id, amount_paid FROM grant_register WHERE amount_paid > 0 ORDER BY grant_id LIMIT 1',
      )
      .get() as { grant_id: string; amount_paid: number };
    db.prepare('UPDATE grant_register SET amount_paid = amount_paid - 100000 WHERE grant_id = ?').run(
      grant.grant_id,
    );
    const deleted = db.prepare('SELECT position, type, stream FROM audit_events WHERE seq = 1500').get() as {
      position: string;
      type: string;
      stream: string;
    };
    db.prepare('DELETE FROM audit_events WHERE seq = 1500').run();
    db.close();

    const gates = checkReadModels(readFile, expected);

    const register = byName(gates, 'grant-register');
    expect(register?.ok).toBe(false);
    expect(register?.actual).not.toBe(register?.expected);
    expect(register?.problems).toContain(
      `grant-register: grant ${grant.grant_id} amount_paid expected ${grant.amount_paid}, found ${grant.amount_paid - 100_000}`,
    );
    expect(register?.problems).toHaveLength(1);
    const audit = byName(gates, 'audit-trail');
    expect(audit?.ok).toBe(false);
    expect(audit?.problems).toContain(
      `audit-trail: event at position ${deleted.position} (${deleted.type} on ${deleted.stream}) has no row`,
    );
    expect(gates.filter((gate) => !gate.ok).map((gate) => gate.readModel)).toEqual([
      'grant-register',
      'audit-trail',
    ]);
  });
});
