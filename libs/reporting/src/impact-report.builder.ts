import type { Position } from '@ledger/event-store';
import type { ImpactFacts, ImpactPeriod } from '@ledger/projections';
import {
  compareDecimalPositions,
  correctionsSince,
  type ComparePositions,
} from './impact-report.corrections.js';
import { leverageFigure } from './impact-report.format.js';
import {
  forecastSection,
  grantsSection,
  incomeSection,
  innovatorsSection,
  introductionsSection,
  partnershipsSection,
  programmeSection,
  projectsSection,
} from './impact-report.sections.js';
import type { ImpactReport, ReportSeal } from './impact-report.types.js';

export interface ImpactReportOptions {
  /** Must be the programme the facts were read for. */
  readonly programmeId: string;
  /** Must be the period the facts were read for. */
  readonly period: ImpactPeriod;
  /** The ledger position the facts were read at (the projection's checkpoint). */
  readonly position: Position;
  /**
   * When the ledger recorded the event at `position` (ISO 8601), null before the first event: the
   * report's time comes from the ledger, not a clock, so the same position gives the same report.
   */
  readonly ledgerRecordedAt: string | null;
  /** The seal covering `position` (see `ImpactReportRequest.sealAt`); null without one. */
  readonly seal?: ReportSeal | null;
  /** The previous report's position: corrections after it are listed. All are listed without it. */
  readonly correctionsSince?: Position;
  /** The event store's comparator; defaults to the embedded store's decimal positions. */
  readonly comparePositions?: ComparePositions;
}

/**
 * The DCMS impact report (SPEC §5), computed from the programme-impact facts. Pure: the same facts
 * and options always give the same report.
 *
 * @example
 * const facts = await impactFacts(db, 'iep', period);
 * const report = buildImpactReport(facts, { programmeId: 'iep', period, position, ledgerRecordedAt });
 * report.partnerships.percentOfTarget.display; // '1,111%'
 */
export function buildImpactReport(facts: ImpactFacts, options: ImpactReportOptions): ImpactReport {
  assertFactsMatch(facts, options);
  const grants = grantsSection(facts);
  const introductions = introductionsSection(facts);
  const income = incomeSection(facts);
  const compare = options.comparePositions ?? compareDecimalPositions;
  return {
    report: 'dcms-impact',
    schemaVersion: 3,
    programme: programmeSection(facts),
    ledgerPosition: options.position,
    ledgerRecordedAt: options.ledgerRecordedAt,
    seal: options.seal ?? null,
    correctionsSince: options.correctionsSince ?? null,
    innovators: innovatorsSection(facts),
    grants,
    introductions,
    partnerships: partnershipsSection(facts, introductions.made.value),
    income,
    leverage: leverageFigure(income.total.pence, grants.awarded.pence),
    forecast: forecastSection(facts),
    projects: projectsSection(facts),
    corrections: correctionsSince(facts.corrections, options.correctionsSince, compare),
  };
}

/** A report that names one programme or period and counts another's facts would mislead the funder. */
function assertFactsMatch(facts: ImpactFacts, { programmeId, period }: ImpactReportOptions): void {
  const { programme, period: read } = facts;
  if (programme.id !== programmeId || read.from !== period.from || read.to !== period.to) {
    throw new Error(
      `The facts are for ${programme.id} ${read.from}..${read.to}, not ${programmeId} ${period.from}..${period.to}`,
    );
  }
}
