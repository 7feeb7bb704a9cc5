import type { EventStore } from '@ledger/event-store';
import type { KeyClaim, PersonalKeyStore } from './personal-key-store.js';
import { encryptedPersonIds, LEDGER_PERSONAL_FIELDS, type PersonalFields } from './personal-fields.js';

/**
 * How long a claim is left to its append before a reconciliation may settle it from the log: far
 * longer than an append takes (its waits for a lock or a server are bounded by a few seconds), so a
 * claim this old was left by a process that died, not by one still appending.
 */
export const DEFAULT_KEY_CLAIM_GRACE_MS = 60_000;

/**
 * The people of a claim whose data the log holds now, in the streams the claim named: read from the
 * log as stored (`events` is the raw store, its personal fields still encrypted).
 */
export async function peopleWritten(
  events: EventStore,
  claim: KeyClaim,
  fields: PersonalFields = LEDGER_PERSONAL_FIELDS,
): Promise<Set<string>> {
  const claimed = new Set(claim.personIds);
  const written = new Set<string>();
  for (const stream of claim.streams) {
    const { events: stored } = await events.readStream(stream);
    for (const id of encryptedPersonIds(fields, stored)) if (claimed.has(id)) written.add(id);
  }
  return written;
}

export interface KeyClaimsReconciled {
  /** How many claims were settled. */
  readonly claims: number;
  /** The people whose keys were deleted: no event of theirs was committed. */
  readonly deleted: readonly string[];
}

export interface ReconcileKeyClaimsOptions {
  /** Only claims at least this old are settled: younger ones may still be appending. */
  readonly olderThanMs?: number;
  readonly fields?: PersonalFields;
}

/**
 * Settles the claims appends left behind (a process killed between making a key and appending the
 * event, or unable to settle afterwards): for each claim old enough, a person whose data the claim's
 * streams hold keeps their key; any other loses it, unless another claim holds it. Safe to run from
 * several processes at once: a claim settled twice changes nothing the second time.
 *
 * @example
 * await reconcileKeyClaims(keys, openRawEventStore(config));
 */
export async function reconcileKeyClaims(
  keys: PersonalKeyStore,
  events: EventStore,
  options: ReconcileKeyClaimsOptions = {},
): Promise<KeyClaimsReconciled> {
  const claims = await keys.unsettledClaims(options.olderThanMs ?? DEFAULT_KEY_CLAIM_GRACE_MS);
  const deleted: string[] = [];
  for (const claim of claims) {
    const written = await peopleWritten(events, claim, options.fields);
    const found = await keys.getKeys([...written]);
    const kept = new Map<string, Buffer>();
    for (const [id, key] of found) if (key.status === 'active') kept.set(id, key.key);
    deleted.push(...(await keys.settleClaim(claim.claimId, kept)));
  }
  return { claims: claims.length, deleted };
}
