/**
 * The key store port: one AES-256 key per person, kept outside the event log (SPEC §6). Destroying a
 * key forgets its person: every event holding their personal data then reads as erased, while the
 * log itself (and its hash chain) stays exactly as written. Two adapters: an embedded SQLite file
 * and a PostgreSQL schema.
 */

/** What the store holds for a person: a key, a tombstone once the key was destroyed, or nothing. */
export type PersonKey =
  | { readonly status: 'active'; readonly key: Buffer }
  | { readonly status: 'erased'; readonly erasedAt: string }
  | { readonly status: 'unknown' };

/** The length of every person's key: AES-256. */
export const PERSON_KEY_BYTES = 32;

export interface PersonalKeyStore {
  /** What the store holds for one person now: read every time, never cached. */
  getKey(personId: string): Promise<PersonKey>;
  /** The same for several people in one round trip (a batch of events); every id asked is in the map. */
  getKeys(personIds: readonly string[]): Promise<ReadonlyMap<string, PersonKey>>;
  /**
   * The person's key, created (32 random bytes) and committed durably first when they have none.
   * Racing creators get the same key.
   *
   * @throws DomainError `PERSON.ERASED` (conflict) when the person was forgotten: never keyed again.
   */
  createKey(personId: string): Promise<Buffer>;
  /**
   * The same for several people in one durable commit (the people of one append), in the order
   * asked. Nothing is created when one of them was forgotten.
   *
   * @throws DomainError `PERSON.ERASED` (conflict) naming the first forgotten person.
   */
  createKeys(personIds: readonly string[]): Promise<ReadonlyMap<string, Buffer>>;
  /**
   * Deletes the person's key and leaves a tombstone (person id, erasedAt) so they are never keyed
   * again; a person without a key gets the tombstone alone. Idempotent: a second call keeps the first
   * erasedAt, which it returns. The embedded store resolves once the key bytes are gone from its
   * files too; PostgreSQL keeps dead row versions until vacuumed.
   */
  destroyKey(personId: string, erasedAt: string): Promise<string>;
  /** Whether the person was forgotten (their key destroyed). */
  isErased(personId: string): Promise<boolean>;
  /** How many people were forgotten: grows with every erasure, never shrinks (a mark for caches). */
  erasedCount(): Promise<number>;
  close(): Promise<void>;
}

/** Nest injection token of the PersonalKeyStore. */
export const PERSONAL_KEY_STORE = Symbol('PERSONAL_KEY_STORE');

/** The lookup for every id asked, `unknown` where the store holds nothing. */
export function completeLookup(
  personIds: readonly string[],
  found: ReadonlyMap<string, PersonKey>,
): ReadonlyMap<string, PersonKey> {
  return new Map(personIds.map((id) => [id, found.get(id) ?? { status: 'unknown' as const }]));
}
