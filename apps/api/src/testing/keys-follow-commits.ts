// The race specs of ADR 0020, run by the embedded ledger's e2e spec and by the PostgreSQL one.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PERSONAL_KEY_STORE, type PersonalKeyStore } from '@ledger/personal-data';
import { startTestLedger, type TestLedger } from './test-ledger.js';

const numbered = (prefix: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(2, '0')}`);

/**
 * A key may exist only while an event that uses it is committed: racing registrations over HTTP,
 * refused but for one, leave the key of the one recorded only. `env` picks the stores.
 */
export function keysFollowCommitsSpec(
  name: string,
  env: () => Readonly<Record<string, string>>,
  cleanup: () => Promise<void> = () => Promise.resolve(),
): void {
  describe(`personal-data keys follow committed events (SPEC §6): ${name}`, () => {
    let ledger: TestLedger;
    let url: string;

    /** Sent over a real socket each, so that all of them are in flight at once. */
    const register = (partnerId: string, personId: string, idempotencyKey?: string) =>
      fetch(`${url}/partners`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${ledger.tokens['programme-manager']}`,
          'Content-Type': 'application/json',
          ...(idempotencyKey === undefined ? {} : { 'Idempotency-Key': idempotencyKey }),
        },
        body: JSON.stringify({
          partnerId,
          name: 'Harbourside Bank (illustrative)',
          sector: 'business',
          contactPerson: { personId, name: `Contact ${personId}`, email: `${personId}@example.org` },
        }),
      }).then((res) => res.status);

    /** Which of these people the key store holds a key for (tombstones aside). */
    const keyed = async (people: readonly string[]): Promise<string[]> => {
      const found = await ledger.app.get<PersonalKeyStore>(PERSONAL_KEY_STORE).getKeys(people);
      return people.filter((id) => found.get(id)?.status === 'active');
    };

    /** The contact person recorded on each partner's stream, read from the log. */
    const recordedContacts = async (partnerIds: readonly string[]): Promise<string[]> => {
      const streams = new Set(partnerIds.map((id) => `partner-${id}`));
      return (await ledger.allEvents())
        .filter((event) => streams.has(event.stream))
        .map((event) => (event.data as { contactPerson: { personId: string } }).contactPerson.personId)
        .sort();
    };

    beforeAll(async () => {
      ledger = await startTestLedger({ logger: false }, env());
      await ledger.app.listen(0, '127.0.0.1');
      const { port } = (ledger.app.getHttpServer() as Server).address() as AddressInfo;
      url = `http://127.0.0.1:${port}`;
    });
    afterAll(async () => {
      await ledger?.close();
      await cleanup();
    });

    it('given twenty registrations of one partner racing, each naming its own contact person, then one 201, nineteen 409 and only the recorded contact keeps a key', async () => {
      const partnerId = `race-${randomUUID()}`;
      const people = numbered(`${partnerId}-contact-`, 20);

      const statuses = await Promise.all(people.map((personId) => register(partnerId, personId)));

      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(19);
      const recorded = await recordedContacts([partnerId]);
      expect(recorded).toHaveLength(1);
      expect(await keyed(people)).toEqual(recorded);
    });

    it('given one Idempotency-Key sent with twenty different registrations at once, then one is recorded and the refused ones leave no key', async () => {
      const key = randomUUID();
      const partners = numbered(`idem-${key}-`, 20);

      const statuses = await Promise.all(partners.map((id) => register(id, `${id}-contact`, key)));

      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status >= 500)).toEqual([]);
      const recorded = await recordedContacts(partners);
      expect(recorded).toHaveLength(1);
      expect(await keyed(partners.map((id) => `${id}-contact`))).toEqual(recorded);
    });
  });
}
