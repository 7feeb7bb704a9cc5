import type { DomainCommand } from '../shared/decider.js';

/**
 * Forget a person. `personalDataRecorded` comes from the key store: whether a key was ever made
 * for this person (it still exists, or its tombstone does), i.e. whether the ledger holds any
 * personal data of theirs.
 */
export type ErasePersonalData = DomainCommand<
  'ErasePersonalData',
  { personId: string; reason: string; personalDataRecorded: boolean }
>;

export type PersonCommand = ErasePersonalData;
