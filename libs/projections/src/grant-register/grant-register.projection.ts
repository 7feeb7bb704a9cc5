import type { Transaction } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store';
import type { GrantAwarded, LedgerEvent } from '@ledger/ledger-domain';
import type { Projection } from '../projection.js';
import { grantRegisterBatch } from './grant-register.batch.js';
import { grantRegisterMigrations } from './grant-register.migrations.js';
import type { GrantRegisterTable, GrantRegisterTables } from './grant-register.tables.js';

type Trx = Transaction<GrantRegisterTables>;
type Figures = Pick<GrantRegisterTable, 'amount_awarded' | 'amount_paid' | 'status' | 'corrections'>;
type Stamp = Pick<GrantRegisterTable, 'last_event_position' | 'updated_at'>;

/**
 * The store holds only events the write side decided, upcast to their current schema when read,
 * so an event's type names the shape of its data.
 */
const asLedgerEvent = (event: RecordedEvent): LedgerEvent =>
  ({ type: event.type, data: event.data }) as LedgerEvent;

/** What is still to be paid: nothing more is paid on a revoked or voided grant. */
const outstandingOf = ({ amount_awarded, amount_paid, status }: Figures): number =>
  status === 'awarded' ? amount_awarded - amount_paid : 0;

async function award(trx: Trx, data: GrantAwarded['data'], stamp: Stamp): Promise<void> {
  const described = {
    programme_id: data.programmeId,
    innovator_id: data.innovatorId,
    title: data.title,
    funder_org_id: data.fundingOrganisation.orgId,
    funder_name: data.fundingOrganisation.name,
    awarded_on: data.awardedOn,
  };
  const figures: Figures = { amount_awarded: data.amount, amount_paid: 0, status: 'awarded', corrections: 0 };
  await trx
    .insertInto('grant_register')
    .values({
      grant_id: data.grantId,
      ...described,
      ...figures,
      outstanding: outstandingOf(figures),
      ...stamp,
    })
    // A re-delivered award refreshes what it describes and keeps the figures later events built.
    .onConflict((oc) => oc.column('grant_id').doUpdateSet({ ...described, ...stamp }))
    .execute();
}

/** Reads a grant's figures, applies `change`, and writes them back with the outstanding rest. */
async function amend(trx: Trx, grantId: string, stamp: Stamp, change: (row: Figures) => Partial<Figures>) {
  const row = await trx
    .selectFrom('grant_register')
    .select(['amount_awarded', 'amount_paid', 'status', 'corrections'])
    .where('grant_id', '=', grantId)
    .executeTakeFirst();
  // Stop the projection rather than skip: an event for an unknown grant means the log and this model disagree.
  if (!row) throw new Error(`grant-register: no award recorded for grant ${grantId}`);
  const next: Figures = { ...row, ...change(row) };
  await trx
    .updateTable('grant_register')
    .set({ ...next, outstanding: outstandingOf(next), ...stamp })
    .where('grant_id', '=', grantId)
    .execute();
}

async function handle(trx: Trx, event: RecordedEvent): Promise<void> {
  const stamp: Stamp = { last_event_position: event.globalPosition, updated_at: event.recordedAt };
  const ledgerEvent = asLedgerEvent(event);
  switch (ledgerEvent.type) {
    case 'GrantAwarded':
      return award(trx, ledgerEvent.data, stamp);
    case 'GrantPaymentMade': {
      const { grantId, amount } = ledgerEvent.data;
      return amend(trx, grantId, stamp, (row) => ({ amount_paid: row.amount_paid + amount }));
    }
    case 'GrantAmountCorrected': {
      const { grantId, to } = ledgerEvent.data;
      return amend(trx, grantId, stamp, (row) => ({ amount_awarded: to, corrections: row.corrections + 1 }));
    }
    case 'GrantRevoked':
      return amend(trx, ledgerEvent.data.grantId, stamp, (row) => ({
        status: 'revoked',
        corrections: row.corrections + 1,
      }));
    case 'GrantAwardVoided':
      return amend(trx, ledgerEvent.data.grantId, stamp, (row) => ({
        status: 'voided',
        corrections: row.corrections + 1,
      }));
    default:
      return;
  }
}

/**
 * Per grant: who it went to, the amount awarded after corrections, paid, outstanding, status and
 * how many times it was corrected (SPEC §4).
 */
export const grantRegisterProjection: Projection<GrantRegisterTables> = {
  name: 'grant-register',
  version: 1,
  eventTypes: [
    'GrantAwarded',
    'GrantPaymentMade',
    'GrantAmountCorrected',
    'GrantRevoked',
    'GrantAwardVoided',
  ],
  migrations: grantRegisterMigrations,
  handle,
  sqliteBatch: grantRegisterBatch,
};
