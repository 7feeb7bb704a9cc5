import type { DomainEvent } from '../shared/decider.js';
import type { ErasedPersonalData } from '../person/personal-data.js';

export const PARTNER_SECTORS = ['business', 'civil-society', 'public'] as const;
export type PartnerSector = (typeof PARTNER_SECTORS)[number];

/** A partner's contact person as recorded and read while their key exists: personal data (SPEC §6). */
export interface ReadableContactPerson {
  /** Pseudonymous: the id the person's key, their erasure and the `person-<id>` stream go by. */
  readonly personId: string;
  readonly name: string;
  readonly email?: string;
}

/**
 * A partner's contact person: readable, or `{ personId, erased: true }` once the person was forgotten.
 * Stored encrypted with the person's key (see PERSONAL_DATA_FIELDS).
 */
export type ContactPerson = ReadableContactPerson | ErasedPersonalData;

/**
 * Version 2 gave the contact person a `personId` (version 1 stored `{ name, email? }` in plain text;
 * its upcaster derives the id, see LEDGER_UPCASTERS).
 */
export type PartnerRegistered = DomainEvent<
  'PartnerRegistered',
  { partnerId: string; name: string; sector: PartnerSector; contactPerson?: ContactPerson }
>;

export type PartnerEvent = PartnerRegistered;
