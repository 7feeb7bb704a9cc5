import type { RecordedEvent } from '@ledger/event-store';
import type { LedgerEvent } from '@ledger/ledger-domain';
import type { SyncStatements } from '@ledger/read-store';
import type { BatchApplier } from '../projection.js';
import type { GrantRegisterTable } from './grant-register.tables.js';

type Figures = Pick<GrantRegisterTable, 'amount_awarded' | 'amount_paid' | 'status' | 'corrections'>;
type Stamp = Pick<GrantRegisterTable, 'last_event_position' | 'updated_at'>;

const AWARD = `insert into "grant_register" ("grant_id", "programme_id", "innovator_id", "title",
  "funder_org_id", "funder_name", "awarded_on", "amount_awarded", "amount_paid", "status", "corrections",
  "outstanding", "last_event_position", "updated_at") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  on conflict ("grant_id") do update set "programme_id" = excluded."programme_id",
  "innovator_id" = excluded."innovator_id", "title" = excluded."title",
  "funder_org_id" = excluded."funder_org_id", "funder_name" = excluded."funder_name",
  "awarded_on" = excluded."awarded_on", "last_event_position" = excluded."last_event_position",
  "updated_at" = excluded."updated_at"`;
const FIGURES = `select "amount_awarded", "amount_paid", "status", "corrections" from "grant_register"
  where "grant_id" = ?`;
const AMEND = `update "grant_register" set "amount_awarded" = ?, "amount_paid" = ?, "status" = ?,
  "corrections" = ?, "outstanding" = ?, "last_event_position" = ?, "updated_at" = ? where "grant_id" = ?`;

const outstandingOf = ({ amount_awarded, amount_paid, status }: Figures): number =>
  status === 'awarded' ? amount_awarded - amount_paid : 0;

/**
 * The grant register's rebuild path: `handle`'s writes, with each grant's figures kept in memory
 * from its first change in the batch to the batch's end (one read and one write per grant).
 */
export function grantRegisterBatch(sql: SyncStatements): BatchApplier {
  const amended = new Map<string, { figures: Figures; stamp: Stamp }>();

  const amend = (grantId: string, stamp: Stamp, change: (row: Figures) => Partial<Figures>): void => {
    const figures = amended.get(grantId)?.figures ?? sql.get<Figures>(FIGURES, grantId);
    if (!figures) throw new Error(`grant-register: no award recorded for grant ${grantId}`);
    amended.set(grantId, { figures: { ...figures, ...change(figures) }, stamp });
  };

  return {
    apply(event: RecordedEvent): void {
      const stamp: Stamp = { last_event_position: event.globalPosition, updated_at: event.recordedAt };
      const e = { type: event.type, data: event.data } as LedgerEvent;
      switch (e.type) {
        case 'GrantAwarded': {
          const { data } = e;
          sql.run(
            AWARD,
            ...[data.grantId, data.programmeId, data.innovatorId, data.title].map(orNull),
            orNull(data.fundingOrganisation.orgId),
            orNull(data.fundingOrganisation.name),
            orNull(data.awardedOn),
            orNull(data.amount),
            0,
            'awarded',
            0,
            status0(data.amount),
            stamp.last_event_position,
            stamp.updated_at,
          );
          // The award's stamp is the latest: figures kept back are written with it.
          const kept = amended.get(data.grantId);
          if (kept !== undefined) kept.stamp = stamp;
          return;
        }
        case 'GrantPaymentMade': {
          const { grantId, amount } = e.data;
          return amend(grantId, stamp, (row) => ({ amount_paid: row.amount_paid + amount }));
        }
        case 'GrantAmountCorrected': {
          const { grantId, to } = e.data;
          return amend(grantId, stamp, (row) => ({ amount_awarded: to, corrections: row.corrections + 1 }));
        }
        case 'GrantRevoked':
          return amend(e.data.grantId, stamp, (row) => ({
            status: 'revoked',
            corrections: row.corrections + 1,
          }));
        case 'GrantAwardVoided':
          return amend(e.data.grantId, stamp, (row) => ({
            status: 'voided',
            corrections: row.corrections + 1,
          }));
        default:
          return;
      }
    },
    flush(): void {
      for (const [grantId, { figures, stamp }] of amended) {
        const { amount_awarded, amount_paid, status, corrections } = figures;
        const outstanding = outstandingOf(figures);
        sql.run(
          AMEND,
          amount_awarded,
          amount_paid,
          status,
          corrections,
          outstanding,
          ...stampOf(stamp),
          grantId,
        );
      }
      amended.clear();
    },
  };
}

/** An award's outstanding amount: all of it (nothing is paid yet). */
const status0 = (amount: number): number =>
  outstandingOf({ amount_awarded: amount, amount_paid: 0, status: 'awarded', corrections: 0 });

const stampOf = (stamp: Stamp): [string, string] => [stamp.last_event_position, stamp.updated_at];

/** Kysely leaves a column whose value is undefined out of an insert: the same as binding null. */
const orNull = (value: unknown): unknown => (value === undefined ? null : value);
