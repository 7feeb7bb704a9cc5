import type { ReportSeal } from '@ledger/audit';
import type { Position } from '@ledger/event-store';
import type { IncomeSource, Organisation } from '@ledger/ledger-domain';
import type { ImpactPeriod } from '@ledger/projections';

/** A count, and how every renderer shows it (e.g. 230 → '230'). */
export interface CountFigure {
  readonly value: number;
  readonly display: string;
}

/** Money in integer pence, and how every renderer shows it (e.g. 36000000 → '£360,000'). */
export interface MoneyFigure {
  readonly pence: number;
  readonly display: string;
}

/**
 * A share computed from two exact integers. `value` is rounded half up as `rounding` states, and is
 * null (display 'n/a') when the denominator is zero; the exact ratio is numerator / denominator.
 */
export interface RatioFigure {
  readonly numerator: number;
  readonly denominator: number;
  readonly value: number | null;
  readonly rounding: string;
  readonly display: string;
}

export interface ReportedCorrection {
  readonly position: Position;
  readonly eventId: string;
  readonly type: string;
  readonly entityStream: string;
  /** When the ledger recorded the correction (ISO 8601). */
  readonly recordedAt: string;
  readonly actor: { readonly id: string; readonly role: string };
  readonly reason: string;
  readonly summary: string;
}

/**
 * The seal that covers a report's position (SPEC §6), as `@ledger/audit` finds or makes it: what
 * `ledger verify-report` checks against the ledger.
 */
export type { ReportSeal } from '@ledger/audit';

/**
 * The DCMS impact report (SPEC §5) for one programme and period: JSON-ready, integer pence, every
 * figure with the display text that the CSV and HTML renderers show verbatim. Everything in it is
 * derived from the ledger (no wall clock), so asking again `asAt` its `ledgerPosition` gives the same
 * JSON byte for byte; the keys keep this order.
 */
export interface ImpactReport {
  readonly report: 'dcms-impact';
  /**
   * 2: `generatedAt` (wall clock) gave way to `ledgerRecordedAt`, so a report can be reproduced.
   * 3: `seal`, the seal covering `ledgerPosition`.
   */
  readonly schemaVersion: 3;
  readonly programme: {
    readonly id: string;
    readonly name: string;
    readonly funder: Organisation;
    readonly deliveryPartner: Organisation;
    readonly challengeAreas: readonly string[];
    readonly period: ImpactPeriod;
    /** e.g. '1 August 2017 to 30 September 2018'. */
    readonly periodDisplay: string;
  };
  /** The ledger position the report was computed at: with it the report can be reproduced exactly. */
  readonly ledgerPosition: Position;
  /** When the ledger recorded the event at `ledgerPosition` (ISO 8601); null before the first event. */
  readonly ledgerRecordedAt: string | null;
  /** The earliest seal covering `ledgerPosition`; null only when computed without a ledger to seal. */
  readonly seal: ReportSeal | null;
  /** Corrections are listed since this position (the previous report's); null lists them all. */
  readonly correctionsSince: Position | null;
  readonly innovators: {
    readonly total: CountFigure;
    readonly byChallengeArea: readonly { readonly challengeArea: string; readonly count: CountFigure }[];
  };
  /** Revoked grants stay in the awards made; voided ones drop out of every figure. */
  readonly grants: {
    readonly count: CountFigure;
    readonly awarded: MoneyFigure;
    readonly paid: MoneyFigure;
    readonly revoked: number;
    readonly voidedExcluded: number;
  };
  readonly introductions: { readonly made: CountFigure; readonly voidedExcluded: number };
  readonly partnerships: {
    /** Ended partnerships stay in; voided ones drop out. */
    readonly confirmed: CountFigure;
    readonly voidedExcluded: number;
    readonly target: { readonly value: number | null; readonly display: string };
    /** Partnerships / target as a whole percent: 100 vs 9 is 1111 ('1,111%'). */
    readonly percentOfTarget: RatioFigure;
    /** Partnerships / introductions as a percent to one decimal: 100 / 230 is 43.5 ('43.5%'). */
    readonly conversionRate: RatioFigure;
  };
  readonly income: {
    readonly total: MoneyFigure;
    readonly attributable: MoneyFigure;
    readonly bySource: readonly { readonly source: IncomeSource; readonly amount: MoneyFigure }[];
  };
  /** Income per £ granted, to two decimals: 65,000,000 / 36,000,000 is 1.81. */
  readonly leverage: RatioFigure;
  readonly forecast: {
    /** The sum of each innovator's latest forecast in the period. */
    readonly total: MoneyFigure;
    readonly innovators: number;
    /** The distinct horizons of those forecasts, in months. */
    readonly horizonMonths: readonly number[];
    readonly horizonDisplay: string;
  };
  readonly projects: { readonly count: CountFigure; readonly titles: readonly string[] };
  /** What was corrected since `correctionsSince`, in log order: when, who, why and what. */
  readonly corrections: readonly ReportedCorrection[];
}
