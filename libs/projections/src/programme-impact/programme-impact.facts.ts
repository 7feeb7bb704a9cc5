import type { Position } from '@ledger/event-store';
import type {
  IncomeSource,
  IsoDate,
  Organisation,
  PartnershipKind,
  Pence,
  Targets,
} from '@ledger/ledger-domain';

/** A reporting period; both ends are included. */
export interface ImpactPeriod {
  readonly from: IsoDate;
  readonly to: IsoDate;
}

export interface ProgrammeFact {
  readonly id: string;
  readonly name: string;
  readonly funder: Organisation;
  readonly deliveryPartner: Organisation;
  readonly challengeAreas: readonly string[];
  readonly startDate: IsoDate;
  readonly endDate: IsoDate;
  readonly grantBudget: Pence;
  /** As launched, with every later ProgrammeTargetSet applied. */
  readonly targets: Targets;
  readonly status: 'running' | 'closed';
  readonly closedOn: IsoDate | null;
}

export interface InnovatorFact {
  readonly id: string;
  readonly name: string;
  readonly challengeArea: string;
  readonly status: 'enrolled' | 'withdrawn';
  readonly enrolledOn: IsoDate;
  readonly withdrawnOn: IsoDate | null;
}

export interface GrantFact {
  readonly id: string;
  readonly innovatorId: string;
  readonly title: string;
  /** After corrections. */
  readonly amount: Pence;
  /** Everything paid on the grant, whenever it was paid. */
  readonly paid: Pence;
  readonly awardedOn: IsoDate;
  /** Revoked grants were really awarded and stay in awards made; voided ones never happened. */
  readonly status: 'awarded' | 'revoked' | 'voided';
}

export interface IntroductionFact {
  readonly id: string;
  readonly innovatorId: string;
  readonly madeOn: IsoDate;
  readonly status: 'open' | 'closed' | 'converted' | 'voided';
}

export interface PartnershipFact {
  readonly id: string;
  readonly introductionId: string;
  readonly innovatorId: string;
  readonly kind: PartnershipKind;
  readonly confirmedOn: IsoDate;
  /** Ended partnerships were really confirmed and stay in; voided ones never happened. */
  readonly status: 'active' | 'ended' | 'voided';
}

export interface IncomeFact {
  /** Unique per innovator only: `innovatorId` and `id` together name one income report. */
  readonly id: string;
  readonly innovatorId: string;
  readonly amount: Pence;
  readonly source: IncomeSource;
  readonly attributable: boolean;
  readonly periodStart: IsoDate;
  readonly periodEnd: IsoDate;
}

export interface ForecastFact {
  readonly innovatorId: string;
  readonly amount: Pence;
  readonly horizonMonths: number;
  readonly asOf: IsoDate;
}

export interface ProjectFact {
  readonly id: string;
  readonly title: string;
  readonly leadOrganisations: readonly string[];
  readonly challengeArea: string;
  readonly startedOn: IsoDate;
}

export interface CorrectionFact {
  readonly eventId: string;
  readonly position: Position;
  /** Log order among corrections (1, 2, ...). */
  readonly seq: number;
  readonly type: string;
  readonly entityStream: string;
  readonly recordedAt: string;
  readonly actor: { readonly id: string; readonly role: string };
  readonly reason: string;
  readonly summary: string;
}

/**
 * Everything the DCMS impact report needs for one programme and period, business dates filtered to
 * the period. Voided and revoked records are included with their status: the report decides what
 * counts (SPEC §2), so the same facts can also explain what dropped out.
 */
export interface ImpactFacts {
  readonly programme: ProgrammeFact;
  readonly period: ImpactPeriod;
  /** Enrolled by the end of the period and not withdrawn before it began. */
  readonly innovators: readonly InnovatorFact[];
  /** Awarded in the period. */
  readonly grants: readonly GrantFact[];
  /** Made in the period. */
  readonly introductions: readonly IntroductionFact[];
  /** Confirmed in the period. */
  readonly partnerships: readonly PartnershipFact[];
  /** Income whose reporting period ends in the period. */
  readonly income: readonly IncomeFact[];
  /** The latest forecast of each innovator made in the period (by as-of date). */
  readonly forecasts: readonly ForecastFact[];
  /** Started in the period. */
  readonly projects: readonly ProjectFact[];
  /** Every correction to the programme's records, in log order; the report picks those since a position. */
  readonly corrections: readonly CorrectionFact[];
}
