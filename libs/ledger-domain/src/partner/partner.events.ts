import type { DomainEvent } from '../shared/decider.js';

export const PARTNER_SECTORS = ['business', 'civil-society', 'public'] as const;
export type PartnerSector = (typeof PARTNER_SECTORS)[number];

/** A partner's contact person is personal data (SPEC §6). */
export interface ContactPerson {
  readonly name: string;
  readonly email?: string;
}

export type PartnerRegistered = DomainEvent<
  'PartnerRegistered',
  { partnerId: string; name: string; sector: PartnerSector; contactPerson?: ContactPerson }
>;

export type PartnerEvent = PartnerRegistered;
