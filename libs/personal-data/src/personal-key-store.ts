/**
 * The key store port: one AES-256 key per person, kept outside the event log (SPEC §6). Destroying a
 * key forgets its person: every event holding their personal data then reads as erased, while the
 * log itself (and its hash chain) stays exactly as written. Two adapters: an embedded SQLite file
 * and a PostgreSQL schema.
 *
 * A key may exist only while an event that uses it is committed (ADR 0020). The log is another
 * store, so no transaction spans both: an append claims its people's keys first (made pending when
 * new), and settles the claim once it is over, keeping the keys its events use and deleting the
 * rest. A claim a crash left behind is settled by `reconcileKeyClaims`, from what the log holds.
 */

/** What the store holds for a person: a key, a tombstone once the key was destroyed, or nothing. */
export type PersonKey =
  | { readonly status: 'active'; readonly key: Buffer }
  | { readonly status: 'erased'; readonly erasedAt: string }
  | { readonly status: 'unknown' };

/** The length of every person's key: AES-256. */
export const PERSON_KEY_BYTES = 32;

/** An append's hold on the keys it encrypts with, from before the append until it is settled. */
export interface KeyClaim {
  /** Unique per append attempt (a retried append claims again). */
  readonly claimId: string;
  readonly personIds: readonly string[];
  /** The streams of the append holding these people's data: where a reconciliation looks for it. */
  readonly streams: readonly string[];
}

export interface PersonalKeyStore {
  /** What the store holds for one person now: read every time, never cached. */
  getKey(personId: string): Promise<PersonKey>;
  /** The same for several people in one round trip (a batch of events); every id asked is in the map. */
  getKeys(personIds: readonly string[]): Promise<ReadonlyMap<string, PersonKey>>;
  /**
   * Each person's key, in the order asked, in one durable commit: the key they have, or 32 random
   * bytes made now and pending until a settled claim keeps them. Every person whose key is not kept
   * for good yet is held by this claim, so no other claim's settle deletes the key meanwhile. Racing
   * claims get the same key. Nothing is made or claimed when one of the people was forgotten.
   *
   * @throws DomainError `PERSON.ERASED` (conflict) naming the first forgotten person.
   */
  claimKeys(claim: KeyClaim): Promise<ReadonlyMap<string, Buffer>>;
  /**
   * Ends a claim once its append is over, in one transaction. `written` holds the people whose data
   * the log now holds, with their key: kept for good, and put back should a reconciliation have
   * deleted it meanwhile (a tombstone stays). Every other key of the claim is deleted unless kept for
   * good, erased, or held by another claim. A claim settled before only keeps `written`.
   *
   * @returns the people whose keys were deleted.
   */
  settleClaim(claimId: string, written: ReadonlyMap<string, Buffer>): Promise<readonly string[]>;
  /** The claims not settled that were made at least `olderThanMs` ago, by this store's clock. */
  unsettledClaims(olderThanMs: number): Promise<readonly KeyClaim[]>;
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

/** Claim rows (one per person) grouped back into claims, in the order first seen. */
export function groupClaims(
  rows: readonly { claim_id: string; person_id: string; streams: readonly string[] }[],
): KeyClaim[] {
  const claims = new Map<string, { claimId: string; personIds: string[]; streams: readonly string[] }>();
  for (const row of rows) {
    const claim = claims.get(row.claim_id) ?? { claimId: row.claim_id, personIds: [], streams: row.streams };
    claim.personIds.push(row.person_id);
    claims.set(row.claim_id, claim);
  }
  return [...claims.values()];
}
