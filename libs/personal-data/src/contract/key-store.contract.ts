// The point of this file: one suite that every PersonalKeyStore adapter (SQLite, PostgreSQL) must pass.
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { DomainError } from '@ledger/ledger-domain';
import type { PersonalKeyStore } from '../personal-key-store.js';

export interface KeyStoreFixture {
  readonly keys: PersonalKeyStore;
  /** Opens the same store again (same file, same schema), as another process would. */
  readonly reopen: () => PersonalKeyStore;
  readonly cleanup: () => Promise<void>;
}

const person = (): string => `person-${randomUUID()}`;
const ERASED_AT = '2019-03-01T09:30:00.000Z';

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

    test('given a new person, when a key is created, then it is 32 random bytes, the same on every later call and in another process', async () => {
      const id = person();
      const key = await fixture.keys.createKey(id);
      expect(key).toHaveLength(32);
      expect(await fixture.keys.createKey(id)).toEqual(key);
      expect(await fixture.keys.createKey(person())).not.toEqual(key);
      expect(await reopen().getKey(id)).toEqual({ status: 'active', key });
    });

    test('given new, keyed and repeated people, when their keys are created together, then each has one key, kept on later calls', async () => {
      const [known, fresh] = [person(), person()];
      const key = await fixture.keys.createKey(known);
      const made = await fixture.keys.createKeys([fresh, known, fresh]);
      expect([...made.keys()]).toEqual([fresh, known]);
      expect(made.get(known)).toEqual(key);
      expect(made.get(fresh)).toHaveLength(32);
      expect(await reopen().getKey(fresh)).toEqual({ status: 'active', key: made.get(fresh) });
    });

    test('given a forgotten person among others, when their keys are created together, then it is refused naming them and no key is made', async () => {
      const [erased, fresh] = [person(), person()];
      await fixture.keys.createKey(erased);
      await fixture.keys.destroyKey(erased, ERASED_AT);
      await expect(fixture.keys.createKeys([fresh, erased])).rejects.toMatchObject({ code: 'PERSON.ERASED' });
      expect(await fixture.keys.getKey(fresh)).toEqual({ status: 'unknown' });
    });

    test('given two processes creating a key for one person at once, when both finish, then they hold the same key', async () => {
      const id = person();
      const other = reopen();
      const [mine, theirs] = await Promise.all([fixture.keys.createKey(id), other.createKey(id)]);
      expect(mine).toEqual(theirs);
    });

    test('given keyed, erased and unknown people, when looked up together, then each id has its answer', async () => {
      const [keyed, erased, unknown] = [person(), person(), person()];
      const key = await fixture.keys.createKey(keyed);
      await fixture.keys.createKey(erased);
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
      await fixture.keys.createKey(id);
      const other = reopen();
      expect(await other.isErased(id)).toBe(false);
      expect(await fixture.keys.destroyKey(id, ERASED_AT)).toBe(ERASED_AT);
      expect(await other.getKey(id)).toEqual({ status: 'erased', erasedAt: ERASED_AT });
      expect(await other.isErased(id)).toBe(true);
    });

    test('given a destroyed key, when destroyed again, then nothing changes and the first erasedAt stays', async () => {
      const id = person();
      await fixture.keys.createKey(id);
      await fixture.keys.destroyKey(id, ERASED_AT);
      expect(await fixture.keys.destroyKey(id, '2020-01-01T00:00:00.000Z')).toBe(ERASED_AT);
      expect(await fixture.keys.getKey(id)).toEqual({ status: 'erased', erasedAt: ERASED_AT });
    });

    test('given an erased person, when a key is asked for again, then PERSON.ERASED (conflict): never re-keyed', async () => {
      const id = person();
      await fixture.keys.createKey(id);
      await fixture.keys.destroyKey(id, ERASED_AT);
      const refused = fixture.keys.createKey(id);
      await expect(refused).rejects.toBeInstanceOf(DomainError);
      await expect(refused).rejects.toMatchObject({ code: 'PERSON.ERASED', kind: 'conflict' });
      await expect(reopen().createKey(id)).rejects.toThrow(`Person ${id} was erased on ${ERASED_AT}`);
    });

    test('given a person never keyed, when their key is destroyed, then only the tombstone is written and they cannot be keyed', async () => {
      const id = person();
      expect(await fixture.keys.getKey(id)).toEqual({ status: 'unknown' });
      await fixture.keys.destroyKey(id, ERASED_AT);
      expect(await fixture.keys.getKey(id)).toEqual({ status: 'erased', erasedAt: ERASED_AT });
      await expect(fixture.keys.createKey(id)).rejects.toMatchObject({ code: 'PERSON.ERASED' });
    });

    test('given erasures, when counted, then the count grows by one per person erased, not per call', async () => {
      const before = await fixture.keys.erasedCount();
      const [a, b] = [person(), person()];
      await fixture.keys.createKey(a);
      await fixture.keys.destroyKey(a, ERASED_AT);
      await fixture.keys.destroyKey(a, ERASED_AT);
      await fixture.keys.destroyKey(b, ERASED_AT);
      expect((await fixture.keys.erasedCount()) - before).toBe(2);
    });
  });
}
