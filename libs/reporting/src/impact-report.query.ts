import type { Kysely } from 'kysely';
import type { Position } from '@ledger/event-store';
import {
  type ImpactFacts,
  type ImpactPeriod,
  impactFacts,
  PROJECTION_NAMES,
  type ProgrammeImpactTables,
  type RunnerTables,
} from '@ledger/projections';
import { buildImpactReport } from './impact-report.builder.js';
import type { ImpactReport, ReportSeal } from './impact-report.types.js';

/** Where a report's figures stand, and the seal that covers them (see `sealAt`). */
export interface SealedPosition {
  readonly position: Position;
  readonly seal: ReportSeal | null;
}

export interface ImpactReportRequest {
  readonly programmeId: string;
  /** Business dates from (inclusive); the programme's start when absent. */
  readonly from?: string;
  /** Business dates to (inclusive); the programme's end when absent. */
  readonly to?: string;
  readonly correctionsSince?: Position;
  /** When the ledger recorded the event at a position (`recordedAtOf` of @ledger/projections). */
  readonly recordedAtOf: (position: Position) => Promise<string | undefined>;
  readonly comparePositions: (a: Position, b: Position) => number;
  /**
   * The position the figures stand at, given the projection's checkpoint, and the seal covering it
   * (`LedgerSeals.forReport` of @ledger/audit: a checkpoint on a seal's own event stands for the
   * ledger event before it, and a seal is made when none covers it yet). Without it the report
   * states the checkpoint and no seal.
   */
  readonly sealAt?: (checkpoint: Position) => Promise<SealedPosition>;
}

interface FactsAt {
  readonly facts: ImpactFacts;
  readonly period: ImpactPeriod;
  /** The projection's checkpoint; '0' before the first event. */
  readonly position: Position;
}

/**
 * Reads the programme-impact facts and the projection's checkpoint in ONE transaction, so the
 * position the report states is exactly the position its figures were computed at, and dates the
 * report by when the ledger recorded that position. Undefined when the programme is unknown.
 *
 * @example
 * const report = await impactReportFromReadStore(db, {
 *   programmeId: 'iep-2017', comparePositions, recordedAtOf: (p) => recordedAtOf(eventStore, p),
 * });
 */
export async function impactReportFromReadStore(
  db: Kysely<ProgrammeImpactTables & RunnerTables>,
  request: ImpactReportRequest,
): Promise<ImpactReport | undefined> {
  const read = await factsAt(db, request);
  if (read === undefined) return undefined;
  const { facts, period } = read;
  // Position '0' (nothing projected yet) has nothing to seal.
  const { position, seal } =
    request.sealAt && read.position !== '0'
      ? await request.sealAt(read.position)
      : { position: read.position, seal: null };
  return buildImpactReport(facts, {
    programmeId: request.programmeId,
    period,
    position,
    ledgerRecordedAt: position === '0' ? null : ((await request.recordedAtOf(position)) ?? null),
    seal,
    comparePositions: request.comparePositions,
    ...(request.correctionsSince ? { correctionsSince: request.correctionsSince } : {}),
  });
}

function factsAt(
  db: Kysely<ProgrammeImpactTables & RunnerTables>,
  request: ImpactReportRequest,
): Promise<FactsAt | undefined> {
  // One snapshot: on PostgreSQL the checkpoint and the facts must be read at the same instant.
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const programme = await trx
        .selectFrom('impact_programmes')
        .select(['start_date', 'end_date'])
        .where('programme_id', '=', request.programmeId)
        .executeTakeFirst();
      if (!programme) return undefined;
      const checkpoint = await trx
        .selectFrom('projection_checkpoints')
        .select('position')
        .where('name', '=', PROJECTION_NAMES.programmeImpact)
        .executeTakeFirst();
      const period = { from: request.from ?? programme.start_date, to: request.to ?? programme.end_date };
      // Kysely's database type is invariant: the transaction sees a superset of the impact tables.
      const facts = await impactFacts(
        trx as unknown as Kysely<ProgrammeImpactTables>,
        request.programmeId,
        period,
      );
      if (!facts) return undefined;
      return { facts, period, position: (checkpoint?.position ?? '0') as Position };
    });
}
