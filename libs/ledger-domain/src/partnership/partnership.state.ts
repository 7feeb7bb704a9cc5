import type { IsoDate } from '../shared/dates.js';

export interface PartnershipFacts {
  readonly partnershipId: string;
  readonly introductionId: string;
  readonly programmeId: string;
  readonly confirmedOn: IsoDate;
}

export type PartnershipState =
  | { readonly status: 'none' }
  | ({ readonly status: 'active' } & PartnershipFacts)
  | ({ readonly status: 'ended'; readonly endedOn: IsoDate } & PartnershipFacts)
  | ({ readonly status: 'voided' } & PartnershipFacts);
