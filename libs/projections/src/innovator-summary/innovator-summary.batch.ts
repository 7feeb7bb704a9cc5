import type { RecordedEvent } from '@ledger/event-store';
import type { LedgerEvent } from '@ledger/ledger-domain';
import type { SyncStatements } from '@ledger/read-store';
import type { BatchApplier } from '../projection.js';
import { FIGURE_COLUMNS, type Figures, ZERO_FIGURES } from './innovator-summary.figures.js';
import type { InnovatorSummaryGrantsTable } from './innovator-summary.tables.js';

const FIGURES = FIGURE_COLUMNS;

const quoted = (columns: readonly string[]): string => columns.map((c) => `"${c}"`).join(', ');
const DESCRIBED = ['programme_id', 'name', 'challenge_area', 'enrolled_on'] as const;
const STAMP = ['last_event_position', 'updated_at'] as const;
const ENROL_COLUMNS = ['innovator_id', ...DESCRIBED, ...FIGURES, ...STAMP] as const;
const ENROL = `insert into "innovator_summary" (${quoted(ENROL_COLUMNS)})
  values (${ENROL_COLUMNS.map(() => '?').join(', ')})
  on conflict ("innovator_id") do update set ${[...DESCRIBED, ...STAMP]
    .map((c) => `"${c}" = excluded."${c}"`)
    .join(', ')}`;
const SELECT_FIGURES = `select ${quoted(FIGURES)} from "innovator_summary" where "innovator_id" = ?`;
const UPDATE_FIGURES = `update "innovator_summary" set ${[...FIGURES, ...STAMP]
  .map((c) => `"${c}" = ?`)
  .join(', ')} where "innovator_id" = ?`;
const INSERT_GRANT = `insert into "innovator_summary_grants" ("grant_id", "innovator_id", "amount", "paid", "status")
  values (?, ?, ?, ?, ?)`;
const SELECT_GRANT = 'select * from "innovator_summary_grants" where "grant_id" = ?';
const UPDATE_GRANT = `update "innovator_summary_grants" set "innovator_id" = ?, "amount" = ?, "paid" = ?,
  "status" = ? where "grant_id" = ?`;
const INSERT_LINK = (table: string, key: string) =>
  `insert into "${table}" ("${key}", "innovator_id", "status") values (?, ?, ?)`;
const SELECT_LINK = (table: string, key: string) =>
  `select "innovator_id", "status" from "${table}" where "${key}" = ?`;
const VOID_LINK = (table: string, key: string) =>
  `update "${table}" set "status" = 'voided' where "${key}" = ?`;

type Stamp = readonly [position: string, recordedAt: string];

const orNull = (value: unknown): unknown => (value === undefined ? null : value);

/**
 * The innovator summary's rebuild path: `handle`'s writes, with each innovator's figures and each
 * grant's row kept in memory from their first change in the batch to its end.
 */
export function innovatorSummaryBatch(sql: SyncStatements): BatchApplier {
  const figuresOf = new Map<string, { row: Figures; stamp: Stamp }>();
  const grants = new Map<string, { row: InnovatorSummaryGrantsTable; changed: boolean }>();

  const amendFigures = (
    innovatorId: string,
    event: RecordedEvent,
    change: (row: Figures) => Partial<Figures>,
  ) => {
    const row = figuresOf.get(innovatorId)?.row ?? sql.get<Figures>(SELECT_FIGURES, innovatorId);
    if (!row)
      throw new Error(`innovator-summary: ${event.type} for innovator ${innovatorId}, who is not enrolled`);
    figuresOf.set(innovatorId, {
      row: { ...row, ...change(row) },
      stamp: [event.globalPosition, event.recordedAt],
    });
  };

  const grantOf = (grantId: string, event: RecordedEvent): InnovatorSummaryGrantsTable => {
    const kept = grants.get(grantId)?.row;
    if (kept !== undefined) return kept;
    const grant = sql.get<InnovatorSummaryGrantsTable>(SELECT_GRANT, grantId);
    if (!grant)
      throw new Error(`innovator-summary: ${event.type} for grant ${grantId}, which was never awarded`);
    grants.set(grantId, { row: grant, changed: false });
    return grant;
  };
  const updateGrant = (grant: InnovatorSummaryGrantsTable, change: Partial<InnovatorSummaryGrantsTable>) => {
    grants.set(grant.grant_id, { row: { ...grant, ...change }, changed: true });
  };

  const linkMade = (table: string, key: string, id: string, innovatorId: string, status: string) =>
    sql.run(INSERT_LINK(table, key), orNull(id), orNull(innovatorId), status);
  const linkVoided = (table: string, key: string, id: string, what: string, event: RecordedEvent) => {
    const link = sql.get<{ innovator_id: string; status: string }>(SELECT_LINK(table, key), id);
    if (!link) throw new Error(`innovator-summary: ${event.type} for unknown ${what} ${id}`);
    if (link.status === 'voided') return undefined;
    sql.run(VOID_LINK(table, key), id);
    return link.innovator_id;
  };

  const handlers = (event: RecordedEvent): void => {
    const e = { type: event.type, data: event.data } as LedgerEvent;
    switch (e.type) {
      case 'InnovatorEnrolled': {
        const { data } = e;
        const values: Record<string, unknown> = {
          innovator_id: data.innovatorId,
          programme_id: data.programmeId,
          name: data.name,
          challenge_area: data.challengeArea,
          enrolled_on: data.enrolledOn,
          ...ZERO_FIGURES,
          last_event_position: event.globalPosition,
          updated_at: event.recordedAt,
        };
        sql.run(ENROL, ...ENROL_COLUMNS.map((column) => orNull(values[column])));
        // The enrolment's stamp is the latest: figures kept back are written with it.
        const kept = figuresOf.get(data.innovatorId);
        if (kept !== undefined) kept.stamp = [event.globalPosition, event.recordedAt];
        return;
      }
      case 'InnovatorWithdrawn':
        return amendFigures(e.data.innovatorId, event, () => ({ status: 'withdrawn' }));
      case 'IncomeReported': {
        const { amount, attributableToProgramme } = e.data;
        return amendFigures(e.data.innovatorId, event, (row) => ({
          income: row.income + amount,
          income_attributable: row.income_attributable + (attributableToProgramme ? amount : 0),
        }));
      }
      case 'RevenueForecastRecorded': {
        const { data } = e;
        return amendFigures(data.innovatorId, event, (row) =>
          row.forecast_as_of !== null && row.forecast_as_of > data.asOf
            ? {}
            : {
                forecast: data.amount,
                forecast_horizon_months: data.horizonMonths,
                forecast_as_of: data.asOf,
              },
        );
      }
      case 'GrantAwarded': {
        const { grantId, innovatorId, amount } = e.data;
        sql.run(INSERT_GRANT, orNull(grantId), orNull(innovatorId), orNull(amount), 0, 'awarded');
        grants.set(grantId, {
          row: { grant_id: grantId, innovator_id: innovatorId, amount, paid: 0, status: 'awarded' },
          changed: false,
        });
        return amendFigures(innovatorId, event, (row) => ({
          grants: row.grants + 1,
          amount_awarded: row.amount_awarded + amount,
        }));
      }
      case 'GrantPaymentMade': {
        const { grantId, amount } = e.data;
        const grant = grantOf(grantId, event);
        updateGrant(grant, { paid: grant.paid + amount });
        if (grant.status === 'voided') return;
        return amendFigures(grant.innovator_id, event, (row) => ({ amount_paid: row.amount_paid + amount }));
      }
      case 'GrantAmountCorrected': {
        const { grantId, to } = e.data;
        const grant = grantOf(grantId, event);
        updateGrant(grant, { amount: to });
        if (grant.status === 'voided') return;
        const difference = to - grant.amount;
        return amendFigures(grant.innovator_id, event, (row) => ({
          amount_awarded: row.amount_awarded + difference,
        }));
      }
      case 'GrantRevoked': {
        const grant = grantOf(e.data.grantId, event);
        if (grant.status === 'awarded') updateGrant(grant, { status: 'revoked' });
        return;
      }
      case 'GrantAwardVoided': {
        const grant = grantOf(e.data.grantId, event);
        if (grant.status === 'voided') return;
        updateGrant(grant, { status: 'voided' });
        return amendFigures(grant.innovator_id, event, (row) => ({
          grants: row.grants - 1,
          amount_awarded: row.amount_awarded - grant.amount,
          amount_paid: row.amount_paid - grant.paid,
        }));
      }
      case 'IntroductionMade': {
        const { introductionId, innovatorId } = e.data;
        linkMade('innovator_summary_introductions', 'introduction_id', introductionId, innovatorId, 'made');
        return amendFigures(innovatorId, event, (row) => ({ introductions: row.introductions + 1 }));
      }
      case 'IntroductionVoided': {
        const { introductionId } = e.data;
        const innovatorId = linkVoided(
          'innovator_summary_introductions',
          'introduction_id',
          introductionId,
          'introduction',
          event,
        );
        if (innovatorId === undefined) return;
        return amendFigures(innovatorId, event, (row) => ({ introductions: row.introductions - 1 }));
      }
      case 'PartnershipConfirmed': {
        const { partnershipId, innovatorId } = e.data;
        linkMade('innovator_summary_partnerships', 'partnership_id', partnershipId, innovatorId, 'confirmed');
        return amendFigures(innovatorId, event, (row) => ({ partnerships: row.partnerships + 1 }));
      }
      case 'PartnershipVoided': {
        const { partnershipId } = e.data;
        const innovatorId = linkVoided(
          'innovator_summary_partnerships',
          'partnership_id',
          partnershipId,
          'partnership',
          event,
        );
        if (innovatorId === undefined) return;
        return amendFigures(innovatorId, event, (row) => ({ partnerships: row.partnerships - 1 }));
      }
      default:
        return;
    }
  };

  return {
    apply: handlers,
    flush(): void {
      for (const [grantId, { row, changed }] of grants) {
        if (changed) sql.run(UPDATE_GRANT, row.innovator_id, row.amount, row.paid, row.status, grantId);
      }
      for (const [innovatorId, { row, stamp }] of figuresOf) {
        sql.run(UPDATE_FIGURES, ...FIGURES.map((column) => row[column]), ...stamp, innovatorId);
      }
      grants.clear();
      figuresOf.clear();
    },
  };
}
