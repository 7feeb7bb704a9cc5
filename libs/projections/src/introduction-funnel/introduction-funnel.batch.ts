import type { RecordedEvent } from '@ledger/event-store';
import type { LedgerEvent } from '@ledger/ledger-domain';
import type { SyncStatements } from '@ledger/read-store';
import type { BatchApplier } from '../projection.js';

const DAY_MS = 86_400_000;

const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

function required<T>(value: T | undefined, event: RecordedEvent, what: string): T {
  if (value === undefined)
    throw new Error(`introduction-funnel: ${event.type} refers to ${what}, never recorded`);
  return value;
}

const orNull = (value: unknown): unknown => (value === undefined ? null : value);

const PARTNER = `insert into "funnel_partners" ("partner_id", "sector") values (?, ?)
  on conflict ("partner_id") do update set "sector" = excluded."sector"`;
const INNOVATOR = `insert into "funnel_innovators" ("innovator_id", "challenge_area") values (?, ?)
  on conflict ("innovator_id") do update set "challenge_area" = excluded."challenge_area"`;
const SECTOR = 'select "sector" from "funnel_partners" where "partner_id" = ?';
const CHALLENGE_AREA = 'select "challenge_area" from "funnel_innovators" where "innovator_id" = ?';
const INTRODUCTION = `insert into "funnel_introductions" ("introduction_id", "programme_id", "innovator_id",
  "partner_id", "partner_sector", "challenge_area", "made_on", "month", "status")
  values (?, ?, ?, ?, ?, ?, ?, ?, 'open')`;
const SET_STATUS = 'update "funnel_introductions" set "status" = ? where "introduction_id" = ?';
const SET_STATUS_FROM =
  'update "funnel_introductions" set "status" = ? where "introduction_id" = ? and "status" = ?';
const MADE_ON = 'select "made_on", "status" from "funnel_introductions" where "introduction_id" = ?';
const CONVERT = `update "funnel_introductions" set "status" = ?, "partnership_id" = ?, "partnership_kind" = ?,
  "confirmed_on" = ?, "days_to_partnership" = ? where "introduction_id" = ?`;
const OF_PARTNERSHIP =
  'select "introduction_id", "status" from "funnel_introductions" where "partnership_id" = ?';
const REOPEN = `update "funnel_introductions" set "status" = ?, "partnership_id" = null, "partnership_kind" = null,
  "confirmed_on" = null, "days_to_partnership" = null where "introduction_id" = ?`;

/** The introduction funnel's rebuild path: `handle`'s statements, prepared once and run at once. */
export function introductionFunnelBatch(sql: SyncStatements): BatchApplier {
  return {
    apply(event: RecordedEvent): void {
      const e = { type: event.type, data: event.data } as LedgerEvent;
      switch (e.type) {
        case 'PartnerRegistered':
          sql.run(PARTNER, orNull(e.data.partnerId), orNull(e.data.sector));
          return;
        case 'InnovatorEnrolled':
          sql.run(INNOVATOR, orNull(e.data.innovatorId), orNull(e.data.challengeArea));
          return;
        case 'IntroductionMade': {
          const { data } = e;
          const partner = sql.get<{ sector: string }>(SECTOR, data.partnerId);
          const innovator = sql.get<{ challenge_area: string }>(CHALLENGE_AREA, data.innovatorId);
          sql.run(
            INTRODUCTION,
            ...[data.introductionId, data.programmeId, data.innovatorId, data.partnerId].map(orNull),
            required(partner, event, `partner ${data.partnerId}`).sector,
            required(innovator, event, `innovator ${data.innovatorId}`).challenge_area,
            orNull(data.madeOn),
            data.madeOn.slice(0, 7),
          );
          return;
        }
        case 'IntroductionClosed':
          sql.run(SET_STATUS_FROM, 'closed', e.data.introductionId, 'open');
          return;
        case 'IntroductionVoided':
          sql.run(SET_STATUS, 'voided', e.data.introductionId);
          return;
        case 'PartnershipConfirmed': {
          const { data } = e;
          const introduction = sql.get<{ made_on: string; status: string }>(MADE_ON, data.introductionId);
          const { made_on, status } = required(introduction, event, `introduction ${data.introductionId}`);
          sql.run(
            CONVERT,
            status === 'voided' ? 'voided' : 'converted',
            ...[data.partnershipId, data.kind, data.confirmedOn].map(orNull),
            daysBetween(made_on, data.confirmedOn),
            data.introductionId,
          );
          return;
        }
        case 'PartnershipVoided': {
          const { partnershipId } = e.data;
          const introduction = sql.get<{ introduction_id: string; status: string }>(
            OF_PARTNERSHIP,
            partnershipId,
          );
          const { introduction_id, status } = required(introduction, event, `partnership ${partnershipId}`);
          sql.run(REOPEN, status === 'converted' ? 'open' : status, introduction_id);
          return;
        }
        default:
          return;
      }
    },
    flush: () => undefined,
  };
}
