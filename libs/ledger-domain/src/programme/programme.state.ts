import type { IsoDate } from '../shared/dates.js';
import type { Pence } from '../shared/money.js';
import type { Organisation } from '../shared/organisation.js';
import type { Targets } from './programme.events.js';

export interface ProgrammeFacts {
  readonly programmeId: string;
  readonly name: string;
  readonly funder: Organisation;
  readonly deliveryPartner: Organisation;
  readonly challengeAreas: readonly string[];
  readonly startDate: IsoDate;
  readonly endDate: IsoDate;
  readonly grantBudget: Pence;
  readonly targets: Targets;
  /** Funds committed to live awards, by grant id. Their sum never exceeds grantBudget. */
  readonly committed: Readonly<Record<string, Pence>>;
  readonly committedTotal: Pence;
}

export type ProgrammeState =
  | { readonly status: 'none' }
  | ({ readonly status: 'running' } & ProgrammeFacts)
  | ({ readonly status: 'closed'; readonly closedOn: IsoDate } & ProgrammeFacts);
