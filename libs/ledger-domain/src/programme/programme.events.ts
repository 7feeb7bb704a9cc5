import type { DomainEvent } from '../shared/decider.js';
import type { IsoDate } from '../shared/dates.js';
import type { Currency, Pence } from '../shared/money.js';
import type { Organisation } from '../shared/organisation.js';

/** Measures a programme can set a target for. */
export const TARGET_METRICS = ['partnerships', 'introductions', 'innovators', 'grants'] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];
export type Targets = Readonly<Partial<Record<TargetMetric, number>>>;

export type ProgrammeLaunched = DomainEvent<
  'ProgrammeLaunched',
  {
    programmeId: string;
    name: string;
    funder: Organisation;
    deliveryPartner: Organisation;
    challengeAreas: readonly string[];
    startDate: IsoDate;
    endDate: IsoDate;
    grantBudget: Pence;
    currency: Currency;
    targets: Targets;
  }
>;
export type ProgrammeTargetSet = DomainEvent<
  'ProgrammeTargetSet',
  { programmeId: string; metric: TargetMetric; value: number }
>;
export type ProgrammeClosed = DomainEvent<'ProgrammeClosed', { programmeId: string; closedOn: IsoDate }>;
/**
 * The programme's budget is its consistency boundary: every award (and upward correction) commits
 * funds on the programme stream in the same atomic append as the grant event, so racing awards
 * conflict on the programme's revision and are decided again. See docs/decisions/0002.
 */
export type GrantFundsCommitted = DomainEvent<
  'GrantFundsCommitted',
  { programmeId: string; grantId: string; amount: Pence }
>;
/** Funds go back to the budget when an award is voided, revoked (unpaid part) or corrected down. */
export type GrantFundsReleased = DomainEvent<
  'GrantFundsReleased',
  { programmeId: string; grantId: string; amount: Pence; reason: string }
>;

/**
 * The grant budget raised from `from` to `to`, with the reason: a 360Giving import adds grants to a
 * programme it launched from an earlier file. A budget is never lowered below what is committed.
 */
export type GrantBudgetRaised = DomainEvent<
  'GrantBudgetRaised',
  { programmeId: string; from: Pence; to: Pence; reason: string }
>;

export type ProgrammeEvent =
  | ProgrammeLaunched
  | ProgrammeTargetSet
  | ProgrammeClosed
  | GrantFundsCommitted
  | GrantFundsReleased
  | GrantBudgetRaised;
