import type { DomainEvent } from '../shared/decider.js';
import type { IsoDate } from '../shared/dates.js';
import type { Currency, Pence } from '../shared/money.js';
import type { Organisation } from '../shared/organisation.js';

export type GrantAwarded = DomainEvent<
  'GrantAwarded',
  {
    grantId: string;
    programmeId: string;
    innovatorId: string;
    amount: Pence;
    currency: Currency;
    fundingOrganisation: Organisation;
    awardedOn: IsoDate;
    title: string;
    purpose: string;
  }
>;
export type GrantPaymentMade = DomainEvent<
  'GrantPaymentMade',
  { grantId: string; paymentId: string; amount: Pence; paidOn: IsoDate }
>;
export type GrantAmountCorrected = DomainEvent<
  'GrantAmountCorrected',
  { grantId: string; from: Pence; to: Pence; reason: string }
>;
/** A business decision: the grant was really awarded, then cancelled. Stays in the totals of awards made. */
export type GrantRevoked = DomainEvent<
  'GrantRevoked',
  { grantId: string; revokedOn: IsoDate; reason: string }
>;
/** Recorded in error, never happened: drops out of every total, stays in the audit trail. */
export type GrantAwardVoided = DomainEvent<'GrantAwardVoided', { grantId: string; reason: string }>;

export type GrantEvent =
  GrantAwarded | GrantPaymentMade | GrantAmountCorrected | GrantRevoked | GrantAwardVoided;
