import type { RecordedEvent } from '@ledger/event-store';
import { addPence, formatPounds, type LedgerEvent, type Targets } from '@ledger/ledger-domain';
import type { SyncStatements } from '@ledger/read-store';
import type { BatchApplier } from '../projection.js';
import type { CorrectionFacts } from './programme-impact.corrections.js';
import { unknownEntity } from './programme-impact.handler.js';
import { toPence } from './programme-impact.lookups.js';

const orNull = (value: unknown): unknown => (value === undefined ? null : value);
const marks = (count: number): string => Array.from({ length: count }, () => '?').join(', ');
const insert = (table: string, columns: readonly string[], tail = ''): string =>
  `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${marks(columns.length)})${tail}`;

const PROGRAMME = insert('impact_programmes', [
  'programme_id',
  'name',
  'funder_name',
  'funder_org_id',
  'delivery_partner_name',
  'delivery_partner_org_id',
  'challenge_areas',
  'start_date',
  'end_date',
  'grant_budget',
  'targets',
  'status',
  'closed_on',
]);
const TARGETS = 'select "targets" from "impact_programmes" where "programme_id" = ?';
const SET_TARGETS = 'update "impact_programmes" set "targets" = ? where "programme_id" = ?';
const CLOSE = 'update "impact_programmes" set "status" = ?, "closed_on" = ? where "programme_id" = ?';
const BUDGET = 'update "impact_programmes" set "grant_budget" = ? where "programme_id" = ?';
const INNOVATOR = insert('impact_innovators', [
  'innovator_id',
  'programme_id',
  'name',
  'challenge_area',
  'status',
  'enrolled_on',
  'withdrawn_on',
]);
const WITHDRAW = 'update "impact_innovators" set "status" = ?, "withdrawn_on" = ? where "innovator_id" = ?';
const PROJECT = insert('impact_projects', [
  'project_id',
  'programme_id',
  'title',
  'lead_organisations',
  'challenge_area',
  'started_on',
]);
const PROGRAMME_OF_INNOVATOR = 'select "programme_id" from "impact_innovators" where "innovator_id" = ?';
const INCOME = insert('impact_income', [
  'income_id',
  'innovator_id',
  'programme_id',
  'amount',
  'source',
  'attributable',
  'period_start',
  'period_end',
]);
const FORECAST = insert(
  'impact_forecasts',
  ['innovator_id', 'programme_id', 'as_of', 'amount', 'horizon_months'],
  ' on conflict ("innovator_id", "as_of") do update set "amount" = excluded."amount", "horizon_months" = excluded."horizon_months"',
);
const GRANT = insert('impact_grants', [
  'grant_id',
  'programme_id',
  'innovator_id',
  'title',
  'amount',
  'paid',
  'awarded_on',
  'status',
]);
const REQUIRE_GRANT = 'select "programme_id", "amount", "paid" from "impact_grants" where "grant_id" = ?';
const SET_PAID = 'update "impact_grants" set "paid" = ? where "grant_id" = ?';
const SET_AMOUNT = 'update "impact_grants" set "amount" = ? where "grant_id" = ?';
const SET_GRANT_STATUS = 'update "impact_grants" set "status" = ? where "grant_id" = ?';
const INTRODUCTION = insert('impact_introductions', [
  'introduction_id',
  'programme_id',
  'innovator_id',
  'made_on',
  'status',
]);
const SET_INTRODUCTION_STATUS = 'update "impact_introductions" set "status" = ? where "introduction_id" = ?';
const PROGRAMME_OF_INTRODUCTION =
  'select "programme_id" from "impact_introductions" where "introduction_id" = ?';
const REOPEN =
  'update "impact_introductions" set "status" = \'open\' where "introduction_id" = ? and "status" = \'converted\'';
const PARTNERSHIP = insert('impact_partnerships', [
  'partnership_id',
  'introduction_id',
  'programme_id',
  'innovator_id',
  'kind',
  'confirmed_on',
  'status',
]);
const REQUIRE_PARTNERSHIP =
  'select "programme_id", "introduction_id" from "impact_partnerships" where "partnership_id" = ?';
const SET_PARTNERSHIP_STATUS = 'update "impact_partnerships" set "status" = ? where "partnership_id" = ?';
const LAST_CORRECTION = 'select max("seq") as "seq" from "impact_corrections"';
const CORRECTION = insert('impact_corrections', [
  'event_id',
  'position',
  'seq',
  'type',
  'entity_stream',
  'programme_id',
  'recorded_at',
  'actor_id',
  'actor_role',
  'reason',
  'summary',
]);

/**
 * Programme impact's rebuild path: `handle`'s statements, prepared once and run at once, with the
 * innovators' programmes and the corrections' counter kept in memory for the batch.
 */
export function programmeImpactBatch(sql: SyncStatements): BatchApplier {
  const programmeOfInnovatorId = new Map<string, string>();
  let lastCorrection: number | undefined;

  const programmeOfInnovator = (innovatorId: string, event: RecordedEvent): string => {
    let programmeId = programmeOfInnovatorId.get(innovatorId);
    if (programmeId === undefined) {
      programmeId = sql.get<{ programme_id: string }>(PROGRAMME_OF_INNOVATOR, innovatorId)?.programme_id;
      if (programmeId === undefined) throw unknownEntity('innovator', innovatorId, event);
      programmeOfInnovatorId.set(innovatorId, programmeId);
    }
    return programmeId;
  };
  const requireGrant = (grantId: string, event: RecordedEvent) => {
    const row = sql.get<{ programme_id: string; amount: number; paid: number }>(REQUIRE_GRANT, grantId);
    if (!row) throw unknownEntity('grant', grantId, event);
    return { programmeId: row.programme_id, amount: toPence(row.amount), paid: toPence(row.paid) };
  };
  const requirePartnership = (partnershipId: string, event: RecordedEvent) => {
    const row = sql.get<{ programme_id: string; introduction_id: string }>(
      REQUIRE_PARTNERSHIP,
      partnershipId,
    );
    if (!row) throw unknownEntity('partnership', partnershipId, event);
    return { programmeId: row.programme_id, introductionId: row.introduction_id };
  };
  const recordCorrection = (event: RecordedEvent, facts: CorrectionFacts): void => {
    lastCorrection ??= Number(sql.get<{ seq: number | null }>(LAST_CORRECTION)?.seq ?? 0);
    const seq = lastCorrection + 1;
    sql.run(
      CORRECTION,
      event.eventId,
      event.globalPosition,
      seq,
      event.type,
      event.stream,
      orNull(facts.programmeId),
      event.recordedAt,
      event.metadata.actor.id,
      event.metadata.actor.role,
      orNull(event.metadata.reason ?? facts.reason),
      facts.summary,
    );
    lastCorrection = seq;
  };

  const apply = (event: RecordedEvent): void => {
    const e = { type: event.type, data: event.data } as LedgerEvent;
    switch (e.type) {
      case 'ProgrammeLaunched': {
        const { data } = e;
        sql.run(
          PROGRAMME,
          ...[data.programmeId, data.name, data.funder.name, data.funder.orgId].map(orNull),
          ...[data.deliveryPartner.name, data.deliveryPartner.orgId].map(orNull),
          JSON.stringify(data.challengeAreas),
          ...[data.startDate, data.endDate, data.grantBudget].map(orNull),
          JSON.stringify(data.targets),
          'running',
          null,
        );
        return;
      }
      case 'ProgrammeTargetSet': {
        const { data } = e;
        const row = sql.get<{ targets: string }>(TARGETS, data.programmeId);
        if (!row) throw unknownEntity('programme', data.programmeId, event);
        const targets = { ...(JSON.parse(row.targets) as Targets), [data.metric]: data.value };
        sql.run(SET_TARGETS, JSON.stringify(targets), data.programmeId);
        return;
      }
      case 'ProgrammeClosed':
        sql.run(CLOSE, 'closed', orNull(e.data.closedOn), e.data.programmeId);
        return;
      case 'GrantBudgetRaised':
        sql.run(BUDGET, orNull(e.data.to), e.data.programmeId);
        return;
      case 'InnovatorEnrolled': {
        const { data } = e;
        sql.run(
          INNOVATOR,
          ...[data.innovatorId, data.programmeId, data.name, data.challengeArea].map(orNull),
          'enrolled',
          orNull(data.enrolledOn),
          null,
        );
        return;
      }
      case 'InnovatorWithdrawn':
        sql.run(WITHDRAW, 'withdrawn', orNull(e.data.withdrawnOn), e.data.innovatorId);
        return;
      case 'CollaborativeProjectStarted': {
        const { data } = e;
        sql.run(
          PROJECT,
          ...[data.projectId, data.programmeId, data.title].map(orNull),
          JSON.stringify(data.leadOrganisations),
          ...[data.challengeArea, data.startedOn].map(orNull),
        );
        return;
      }
      case 'IncomeReported': {
        const { data } = e;
        const programmeId = programmeOfInnovator(data.innovatorId, event);
        sql.run(
          INCOME,
          ...[data.incomeId, data.innovatorId].map(orNull),
          programmeId,
          ...[data.amount, data.source].map(orNull),
          data.attributableToProgramme ? 1 : 0,
          ...[data.periodStart, data.periodEnd].map(orNull),
        );
        return;
      }
      case 'RevenueForecastRecorded': {
        const { data } = e;
        const programmeId = programmeOfInnovator(data.innovatorId, event);
        sql.run(
          FORECAST,
          orNull(data.innovatorId),
          programmeId,
          ...[data.asOf, data.amount, data.horizonMonths].map(orNull),
        );
        return;
      }
      case 'GrantAwarded': {
        const { data } = e;
        sql.run(
          GRANT,
          ...[data.grantId, data.programmeId, data.innovatorId, data.title, data.amount].map(orNull),
          0,
          orNull(data.awardedOn),
          'awarded',
        );
        return;
      }
      case 'GrantPaymentMade': {
        const { data } = e;
        const { paid } = requireGrant(data.grantId, event);
        sql.run(SET_PAID, addPence(paid, data.amount), data.grantId);
        return;
      }
      case 'GrantAmountCorrected': {
        const { data } = e;
        const { programmeId } = requireGrant(data.grantId, event);
        sql.run(SET_AMOUNT, orNull(data.to), data.grantId);
        const summary = `Grant ${data.grantId} amount corrected from ${formatPounds(data.from)} to ${formatPounds(data.to)}`;
        return recordCorrection(event, { programmeId, reason: data.reason, summary });
      }
      case 'GrantRevoked': {
        const { data } = e;
        const { programmeId, amount } = requireGrant(data.grantId, event);
        sql.run(SET_GRANT_STATUS, 'revoked', data.grantId);
        const summary = `Grant ${data.grantId} (${formatPounds(amount)}) revoked on ${data.revokedOn}; it stays in the awards made`;
        return recordCorrection(event, { programmeId, reason: data.reason, summary });
      }
      case 'GrantAwardVoided': {
        const { data } = e;
        const { programmeId, amount } = requireGrant(data.grantId, event);
        sql.run(SET_GRANT_STATUS, 'voided', data.grantId);
        const summary = `Grant ${data.grantId} (${formatPounds(amount)}) voided as recorded in error; it drops out of every total`;
        return recordCorrection(event, { programmeId, reason: data.reason, summary });
      }
      case 'IntroductionMade': {
        const { data } = e;
        sql.run(
          INTRODUCTION,
          ...[data.introductionId, data.programmeId, data.innovatorId, data.madeOn].map(orNull),
          'open',
        );
        return;
      }
      case 'IntroductionClosed':
        sql.run(SET_INTRODUCTION_STATUS, 'closed', e.data.introductionId);
        return;
      case 'IntroductionConverted':
        sql.run(SET_INTRODUCTION_STATUS, 'converted', e.data.introductionId);
        return;
      case 'IntroductionVoided': {
        const { data } = e;
        const row = sql.get<{ programme_id: string }>(PROGRAMME_OF_INTRODUCTION, data.introductionId);
        if (!row) throw unknownEntity('introduction', data.introductionId, event);
        sql.run(SET_INTRODUCTION_STATUS, 'voided', data.introductionId);
        const summary = `Introduction ${data.introductionId} voided as recorded in error; it drops out of every total`;
        return recordCorrection(event, { programmeId: row.programme_id, reason: data.reason, summary });
      }
      case 'PartnershipConfirmed': {
        const { data } = e;
        sql.run(
          PARTNERSHIP,
          ...[data.partnershipId, data.introductionId, data.programmeId, data.innovatorId].map(orNull),
          ...[data.kind, data.confirmedOn].map(orNull),
          'active',
        );
        return;
      }
      case 'PartnershipEnded': {
        const { data } = e;
        const { programmeId } = requirePartnership(data.partnershipId, event);
        sql.run(SET_PARTNERSHIP_STATUS, 'ended', data.partnershipId);
        const summary = `Partnership ${data.partnershipId} ended on ${data.endedOn}; it stays in the partnerships confirmed`;
        return recordCorrection(event, { programmeId, reason: data.reason, summary });
      }
      case 'PartnershipVoided': {
        const { data } = e;
        const { programmeId, introductionId } = requirePartnership(data.partnershipId, event);
        sql.run(SET_PARTNERSHIP_STATUS, 'voided', data.partnershipId);
        sql.run(REOPEN, introductionId);
        const summary = `Partnership ${data.partnershipId} voided as recorded in error; it drops out of every total`;
        return recordCorrection(event, { programmeId, reason: data.reason, summary });
      }
      default:
        throw new Error(`programme-impact does not handle ${event.type}`);
    }
  };

  return { apply, flush: () => undefined };
}
