// Helpers of the key store contract: people of a test's own, and keys as appends leave them.
import { randomUUID } from 'node:crypto';
import type { PersonalKeyStore } from '../personal-key-store.js';

export const person = (): string => `person-${randomUUID()}`;
export const ERASED_AT = '2019-03-01T09:30:00.000Z';

/** Keys for these people as an append leaves them once its event is committed: claimed, then settled. */
export async function keyFor(keys: PersonalKeyStore, ...personIds: string[]): Promise<Buffer> {
  const claimId = randomUUID();
  const made = await keys.claimKeys({ claimId, personIds, streams: personIds.map((id) => `partner-${id}`) });
  await keys.settleClaim(claimId, made);
  const [first] = made.values();
  if (first === undefined) throw new Error('No person was given');
  return first;
}

/** Claims keys for these people as an append does before writing, without settling the claim. */
export function claim(keys: PersonalKeyStore, claimId: string, ...personIds: string[]) {
  return keys.claimKeys({ claimId, personIds, streams: personIds.map((id) => `partner-${id}`) });
}
