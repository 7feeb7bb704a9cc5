// The point of this file: the claims part of the key store contract, run on every adapter by keyStoreContract.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { type EventStore, openSqliteEventStore } from '@ledger/event-store';
import { encryptPersonalData } from '../field-cipher.js';
import { reconcileKeyClaims } from '../key-claims.js';
import type { PersonalKeyStore } from '../personal-key-store.js';
import { claim, ERASED_AT, keyFor, person } from './key-store.helpers.js';

const HOUR_MS = 3_600_000;
const NOTHING_WRITTEN: ReadonlyMap<string, Buffer> = new Map();

/** A partner registration naming the person as its contact, encrypted as the log holds it. */
async function recordContact(events: EventStore, personId: string, key: Buffer): Promise<void> {
  const commandId = randomUUID();
  await events.appendToStream(`partner-${personId}`, 'no-stream', [
    {
      type: 'PartnerRegistered',
      data: {
        partnerId: personId,
        name: 'Harbourside Bank',
        sector: 'business',
        contactPerson: encryptPersonalData({ personId, name: 'A. Contact' }, key),
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
    },
  ]);
}

export function keyClaimsContract(
  current: () => { readonly keys: PersonalKeyStore; readonly reopen: () => PersonalKeyStore },
): void {
  describe('claims: a key lives only while an event that uses it is committed', () => {
    let dir: string;
    let events: EventStore;
    let keys: PersonalKeyStore;
    const inFlight = async (claimId: string): Promise<boolean> =>
      (await keys.unsettledClaims(0)).some((listed) => listed.claimId === claimId);
    beforeEach(() => {
      keys = current().keys;
      dir = mkdtempSync(join(tmpdir(), 'ledger-claims-'));
      events = openSqliteEventStore({ file: join(dir, 'events.sqlite') });
    });
    afterEach(async () => {
      await events.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('given a key made under a claim, when the claim is settled with nothing written, then the key and the claim are gone, for every process', async () => {
      const [id, claimId] = [person(), randomUUID()];
      const made = await claim(keys, claimId, id);
      expect(await current().reopen().getKey(id)).toEqual({ status: 'active', key: made.get(id) });

      expect(await keys.settleClaim(claimId, NOTHING_WRITTEN)).toEqual([id]);

      expect(await current().reopen().getKey(id)).toEqual({ status: 'unknown' });
      expect(await inFlight(claimId)).toBe(false);
    });

    test('given two claims on one new person, when one is released and the other settled as written, in either order, then the key stays for good', async () => {
      for (const releasedFirst of [true, false]) {
        const [id, released, written] = [person(), randomUUID(), randomUUID()];
        const key = (await claim(keys, released, id)).get(id);
        const made = await claim(keys, written, id);
        expect(made.get(id)).toEqual(key);

        if (releasedFirst) expect(await keys.settleClaim(released, NOTHING_WRITTEN)).toEqual([]);
        await keys.settleClaim(written, made);
        if (!releasedFirst) expect(await keys.settleClaim(released, NOTHING_WRITTEN)).toEqual([]);

        const later = randomUUID();
        await claim(keys, later, id);
        expect(await keys.settleClaim(later, NOTHING_WRITTEN)).toEqual([]);
        expect(await current().reopen().getKey(id)).toEqual({ status: 'active', key });
      }
    });

    test('given a claim released while another process claims the same person, when the second is settled as written, then its key is the one kept, every time', async () => {
      const other = current().reopen();
      for (let round = 0; round < 20; round += 1) {
        const [id, released, written] = [person(), randomUUID(), randomUUID()];
        await claim(keys, released, id);
        const [, made] = await Promise.all([
          keys.settleClaim(released, NOTHING_WRITTEN),
          claim(other, written, id),
        ]);
        await other.settleClaim(written, made);
        expect(await keys.getKey(id)).toEqual({ status: 'active', key: made.get(id) });
      }
    });

    test('given claims in flight, when the person is forgotten and the claims then settle either way, then the tombstone stays', async () => {
      const [id, written, released] = [person(), randomUUID(), randomUUID()];
      const made = await claim(keys, written, id);
      await claim(keys, released, id);
      await keys.destroyKey(id, ERASED_AT);

      await keys.settleClaim(written, made);
      expect(await keys.settleClaim(released, NOTHING_WRITTEN)).toEqual([]);

      expect(await keys.getKey(id)).toEqual({ status: 'erased', erasedAt: ERASED_AT });
    });

    test('given a claim unsettled, when claims are listed by age, then it names the people not yet kept for good and its streams, and is too young for an hour', async () => {
      const [fresh, kept, claimId] = [person(), person(), randomUUID()];
      await keyFor(keys, kept);
      await keys.claimKeys({ claimId, personIds: [fresh, kept], streams: ['partner-a', 'partner-b'] });

      const listed = (await keys.unsettledClaims(0)).find((found) => found.claimId === claimId);
      expect(listed).toEqual({ claimId, personIds: [fresh], streams: ['partner-a', 'partner-b'] });
      expect((await keys.unsettledClaims(HOUR_MS)).some((found) => found.claimId === claimId)).toBe(false);
    });

    test('given claims a crash left, when reconciled, then a person whose event was committed keeps their key and one whose event was not loses it', async () => {
      const [written, lost] = [person(), person()];
      const [writtenClaim, lostClaim] = [randomUUID(), randomUUID()];
      const key = (await claim(keys, writtenClaim, written)).get(written);
      await claim(keys, lostClaim, lost);
      if (key === undefined) throw new Error('No key was claimed');
      await recordContact(events, written, key);

      const reconciled = await reconcileKeyClaims(keys, events, { olderThanMs: 0 });

      expect(reconciled.deleted).toContain(lost);
      expect(reconciled.deleted).not.toContain(written);
      expect(await current().reopen().getKey(written)).toEqual({ status: 'active', key });
      expect(await current().reopen().getKey(lost)).toEqual({ status: 'unknown' });
      expect([await inFlight(writtenClaim), await inFlight(lostClaim)]).toEqual([false, false]);
      // Kept for good: a later claim released does not take it.
      const later = randomUUID();
      await claim(keys, later, written);
      expect(await keys.settleClaim(later, NOTHING_WRITTEN)).toEqual([]);
    });

    test('given a claim younger than the grace period, when reconciled, then it is left to its append', async () => {
      const [id, claimId] = [person(), randomUUID()];
      const made = await claim(keys, claimId, id);

      const reconciled = await reconcileKeyClaims(keys, events, { olderThanMs: HOUR_MS });

      expect(reconciled.deleted).not.toContain(id);
      expect(await keys.getKey(id)).toEqual({ status: 'active', key: made.get(id) });
      expect(await inFlight(claimId)).toBe(true);
    });

    test('given a key a reconciliation deleted while its append was still writing, when the append settles as written, then the same key is back', async () => {
      const [id, claimId] = [person(), randomUUID()];
      const made = await claim(keys, claimId, id);
      expect((await reconcileKeyClaims(keys, events, { olderThanMs: 0 })).deleted).toContain(id);

      await keys.settleClaim(claimId, made);

      expect(await current().reopen().getKey(id)).toEqual({ status: 'active', key: made.get(id) });
    });
  });
}
