// The point of this file: one suite that every PersonalKeyStore adapter (SQLite, PostgreSQL) must pass.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { DomainError } from '@ledger/ledger-domain';
import type { PersonalKeyStore } from '../personal-key-store.js';
import { keyClaimsContract } from './key-claims.contract.js';
import { claim, ERASED_AT, keyFor, person } from './key-store.helpers.js';

export interface KeyStoreFixture {
  readonly keys: PersonalKeyStore;
  /** Opens the same store again (same file, same schema), as another process would. */
  readonly reopen: () => PersonalKeyStore;
  readonly cleanup: () => Promise<void>;
}

/**
 * Defines the key store contract for one adapter. The factory runs before every test; tests use
 * person ids of their own, so a factory may hand out a shared store.
 */
export function keyStoreContract(name: string, factory: () => Promise<KeyStoreFixture>): void {
  describe(`key store contract: ${name}`, () => {
    let fixture: KeyStoreFixture;
    const others: PersonalKeyStore[] = [];
    const reopen = (): PersonalKeyStore => {
      const store = fixture.reopen();
      others.push(store);
      return store;
    };
    beforeEach(async () => {
      fixture = await factory();
    });
    afterEach(async () => {
      await Promise.all(others.splice(0).map((store) => store.close()));
      await fixture.cleanup();
    });

    test('given a new person, when a key is claimed, then it is 32 random bytes, the same on every later claim and in another process', async () => {
      const id = person();
      const key = await keyFor(fixture.keys, id);
      expect(key).toHaveLength(32);
      expect((await claim(fixture.keys, randomUUID(), id)).get(id)).toEqual(key);
      expect(await keyFor(fixture.keys, person())).not.toEqual(key);
      expect(await reopen().getKey(id)).toEqual({ status: 'active', key });
    });

    test('given new, keyed and repeated people, when their keys are claimed together, then each has one key, kept on later claims', async () => {
      const [known, fresh] = [person(), person()];
      const key = await keyFor(fixture.keys, known);
      const made = await claim(fixture.keys, randomUUID(), fresh, known, fresh);
      expect([...made.keys()]).toEqual([fresh, known]);
      expect(made.get(known)).toEqual(key);
      expect(made.get(fresh)).toHaveLength(32);
      expect(await reopen().getKey(fresh)).toEqual({ status: 'active', key: made.get(fresh) });
    });

    test('given a forgotten person among others, when their keys are claimed together, then it is refused naming them and nothing is made or claimed', async () => {
      const [erased, fresh] = [person(), person()];
      await keyFor(fixture.keys, erased);
      await fixture.keys.destroyKey(erased, ERASED_AT);
      const claimId = randomUUID();
      await expect(claim(fixture.keys, claimId, fresh, erased)).rejects.toMatchObject({
        code: 'PERSON.ERASED',
        message: expect.stringContaining(erased),
      });
      expect(await fixture.keys.getKey(fresh)).toEqual({ status: 'unknown' });
      const claims = await fixture.keys.unsettledClaims(0);
      expect(claims.filter((c) => c.claimId === claimId)).toEqual([]);
    });

    test('given two processes claiming a key for one person at once, when both finish, then they hold the same key', async () => {
      const id = person();
      const other = reopen();
      const [mine, theirs] = await Promise.all([
        claim(fixture.keys, randomUUID(), id),
        claim(other, randomUUID(), id),
      ]);
      expect(mine.get(id)).toEqual(theirs.get(id));
    });

    test('given keyed, erased and unknown people, when looked up together, then each id has its answer', async () => {
      const [keyed, erased, unknown] = [person(), person(), person()];
      const key = await keyFor(fixture.keys, keyed);
      await keyFor(fixture.keys, erased);
      await fixture.keys.destroyKey(erased, ERASED_AT);
      const found = await fixture.keys.getKeys([keyed, erased, unknown]);
      expect(Object.fromEntries(found)).toEqual({
        [keyed]: { status: 'active', key },
        [erased]: { status: 'erased', erasedAt: ERASED_AT },
        [unknown]: { status: 'unknown' },
      });
      expect(await fixture.keys.getKeys([])).toEqual(new Map());
    });

    test('given a keyed person, when the key is destroyed, then a tombstone with erasedAt is left, seen at once by another process', async () => {
      const id = person();
      await keyFor(fixture.keys, id);
      const other = reopen();
      expect(await other.isErased(id)).toBe(false);
      expect(await fixture.keys.destroyKey(id, ERASED_AT)).toBe(ERASED_AT);
      expect(await other.getKey(id)).toEqual({ status: 'erased', erasedAt: ERASED_AT });
      expect(await other.isErased(id)).toBe(true);
    });

    test('given a destroyed key, when destroyed again, then nothing changes and the first erasedAt stays', async () => {
      const id = person();
      await keyFor(fixture.keys, id);
      await fixture.keys.destroyKey(id, ERASED_AT);
      expect(await fixture.keys.destroyKey(id, '2020-01-01T00:00:00.000Z')).toBe(ERASED_AT);
      expect(await fixture.keys.getKey(id)).toEqual({ status: 'erased', erasedAt: ERASED_AT });
    });

    test('given an erased person, when a key is asked for again, then PERSON.ERASED (conflict): never re-keyed', async () => {
      const id = person();
      await keyFor(fixture.keys, id);
      await fixture.keys.destroyKey(id, ERASED_AT);
      const refused = claim(fixture.keys, randomUUID(), id);
      await expect(refused).rejects.toBeInstanceOf(DomainError);
      await expect(refused).rejects.toMatchObject({ code: 'PERSON.ERASED', kind: 'conflict' });
      await expect(claim(reopen(), randomUUID(), id)).rejects.toThrow(
        `Person ${id} was erased on ${ERASED_AT}`,
      );
    });

    test('given a person never keyed, when their key is destroyed, then only the tombstone is written and they cannot be keyed', async () => {
      const id = person();
      expect(await fixture.keys.getKey(id)).toEqual({ status: 'unknown' });
      await fixture.keys.destroyKey(id, ERASED_AT);
      expect(await fixture.keys.getKey(id)).toEqual({ status: 'erased', erasedAt: ERASED_AT });
      await expect(claim(fixture.keys, randomUUID(), id)).rejects.toMatchObject({ code: 'PERSON.ERASED' });
    });

    test('given erasures, when counted, then the count grows by one per person erased, not per call', async () => {
      const before = await fixture.keys.erasedCount();
      const [a, b] = [person(), person()];
      await keyFor(fixture.keys, a);
      await fixture.keys.destroyKey(a, ERASED_AT);
      await fixture.keys.destroyKey(a, ERASED_AT);
      await fixture.keys.destroyKey(b, ERASED_AT);
      expect((await fixture.keys.erasedCount()) - before).toBe(2);
    });

    keyClaimsContract(() => ({ keys: fixture.keys, reopen }));
  });
}
