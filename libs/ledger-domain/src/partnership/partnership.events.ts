import type { DomainEvent } from '../shared/decider.js';
import type { IsoDate } from '../shared/dates.js';

export const PARTNERSHIP_KINDS = [
  'funding',
  'distribution',
  'delivery',
  'in-kind',
  'pro-bono',
  'other',
] as const;
export type PartnershipKind = (typeof PARTNERSHIP_KINDS)[number];

export type PartnershipConfirmed = DomainEvent<
  'PartnershipConfirmed',
  {
    partnershipId: string;
    introductionId: string;
    programmeId: string;
    innovatorId: string;
    partnerId: string;
    kind: PartnershipKind;
    confirmedOn: IsoDate;
  }
>;
export type PartnershipEnded = DomainEvent<
  'PartnershipEnded',
  { partnershipId: string; endedOn: IsoDate; reason: string }
>;
export type PartnershipVoided = DomainEvent<'PartnershipVoided', { partnershipId: string; reason: string }>;

export type PartnershipEvent = PartnershipConfirmed | PartnershipEnded | PartnershipVoided;
