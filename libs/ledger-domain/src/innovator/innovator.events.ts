import type { DomainEvent } from '../shared/decider.js';
import type { IsoDate } from '../shared/dates.js';
import type { Currency, Pence } from '../shared/money.js';

export const INCOME_SOURCES = ['grant', 'earned', 'investment'] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];

export type InnovatorEnrolled = DomainEvent<
  'InnovatorEnrolled',
  {
    innovatorId: string;
    programmeId: string;
    name: string;
    /** A 360Giving org-id (`GB-CHC-...`) or, where the innovator has none, a registration number. */
    orgId?: string;
    registrationNumber?: string;
    challengeArea: string;
    enrolledOn: IsoDate;
  }
>;
export type InnovatorWithdrawn = DomainEvent<
  'InnovatorWithdrawn',
  { innovatorId: string; withdrawnOn: IsoDate; reason: string }
>;
export type IncomeReported = DomainEvent<
  'IncomeReported',
  {
    innovatorId: string;
    incomeId: string;
    amount: Pence;
    currency: Currency;
    periodStart: IsoDate;
    periodEnd: IsoDate;
    source: IncomeSource;
    attributableToProgramme: boolean;
  }
>;
export type RevenueForecastRecorded = DomainEvent<
  'RevenueForecastRecorded',
  { innovatorId: string; amount: Pence; currency: Currency; horizonMonths: number; asOf: IsoDate }
>;

export type InnovatorEvent =
  InnovatorEnrolled | InnovatorWithdrawn | IncomeReported | RevenueForecastRecorded;
