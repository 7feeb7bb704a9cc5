import type { IsoDate } from '../shared/dates.js';
import type { Pence } from '../shared/money.js';

export interface GrantFacts {
  readonly grantId: string;
  readonly programmeId: string;
  readonly innovatorId: string;
  readonly awardedOn: IsoDate;
  /** The awarded amount after corrections. */
  readonly amount: Pence;
  readonly paid: Pence;
  readonly paymentIds: readonly string[];
  /** The latest date a payment was made on; absent until one is. A revocation cannot predate it. */
  readonly lastPaidOn?: IsoDate;
}

export type GrantState =
  | { readonly status: 'none' }
  | ({ readonly status: 'awarded' } & GrantFacts)
  | ({ readonly status: 'revoked'; readonly revokedOn: IsoDate } & GrantFacts)
  | ({ readonly status: 'voided' } & GrantFacts);
