import type { IsoDate } from '../shared/dates.js';

export interface IntroductionFacts {
  readonly introductionId: string;
  readonly programmeId: string;
  readonly innovatorId: string;
  readonly partnerId: string;
  readonly madeOn: IsoDate;
}

export type IntroductionState =
  | { readonly status: 'none' }
  | ({ readonly status: 'open' } & IntroductionFacts)
  | ({ readonly status: 'converted'; readonly partnershipId: string } & IntroductionFacts)
  | ({ readonly status: 'closed' } & IntroductionFacts)
  | ({ readonly status: 'voided' } & IntroductionFacts);
