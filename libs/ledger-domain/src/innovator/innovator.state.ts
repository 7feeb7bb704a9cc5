import type { IsoDate } from '../shared/dates.js';

export interface InnovatorFacts {
  readonly innovatorId: string;
  readonly programmeId: string;
  readonly name: string;
  readonly challengeArea: string;
  readonly enrolledOn: IsoDate;
  readonly incomeIds: readonly string[];
}

export type InnovatorState =
  | { readonly status: 'none' }
  | ({ readonly status: 'enrolled' } & InnovatorFacts)
  | ({ readonly status: 'withdrawn'; readonly withdrawnOn: IsoDate } & InnovatorFacts);
