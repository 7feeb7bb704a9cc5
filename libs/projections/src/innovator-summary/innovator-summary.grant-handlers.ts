import type { RecordedEvent } from '@ledger/event-store';
import type { GrantAwarded } from '@ledger/ledger-domain';
import { amendFigures, type Trx } from './innovator-summary.figures.js';
import type { InnovatorSummaryGrantsTable } from './innovator-summary.tables.js';

async function grantOf(
  trx: Trx,
  grantId: string,
  event: RecordedEvent,
): Promise<InnovatorSummaryGrantsTable> {
  const grant = await trx
    .selectFrom('innovator_summary_grants')
    .selectAll()
    .where('grant_id', '=', grantId)
    .executeTakeFirst();
  // Stop the projection rather than skip: the figures would silently drift from the log.
  if (!grant)
    throw new Error(`innovator-summary: ${event.type} for grant ${grantId}, which was never awarded`);
  return grant;
}

async function updateGrant(trx: Trx, grantId: string, change: Partial<InnovatorSummaryGrantsTable>) {
  await trx.updateTable('innovator_summary_grants').set(change).where('grant_id', '=', grantId).execute();
}

export async function grantAwarded(
  trx: Trx,
  data: GrantAwarded['data'],
  event: RecordedEvent,
): Promise<void> {
  const { grantId, innovatorId, amount } = data;
  await trx
    .insertInto('innovator_summary_grants')
    .values({ grant_id: grantId, innovator_id: innovatorId, amount, paid: 0, status: 'awarded' })
    .execute();
  await amendFigures(trx, innovatorId, event, (row) => ({
    grants: row.grants + 1,
    amount_awarded: row.amount_awarded + amount,
  }));
}

export async function grantPaid(
  trx: Trx,
  grantId: string,
  amount: number,
  event: RecordedEvent,
): Promise<void> {
  const grant = await grantOf(trx, grantId, event);
  await updateGrant(trx, grantId, { paid: grant.paid + amount });
  if (grant.status === 'voided') return;
  await amendFigures(trx, grant.innovator_id, event, (row) => ({ amount_paid: row.amount_paid + amount }));
}

export async function grantCorrected(
  trx: Trx,
  grantId: string,
  to: number,
  event: RecordedEvent,
): Promise<void> {
  const grant = await grantOf(trx, grantId, event);
  await updateGrant(trx, grantId, { amount: to });
  if (grant.status === 'voided') return;
  const difference = to - grant.amount;
  await amendFigures(trx, grant.innovator_id, event, (row) => ({
    amount_awarded: row.amount_awarded + difference,
  }));
}

/** A revoked grant was really awarded: it stays in the innovator's awards and payments. */
export async function grantRevoked(trx: Trx, grantId: string, event: RecordedEvent): Promise<void> {
  const grant = await grantOf(trx, grantId, event);
  if (grant.status === 'awarded') await updateGrant(trx, grantId, { status: 'revoked' });
}

/** A voided award never happened: it leaves the count, the amount awarded and what was paid on it. */
export async function grantVoided(trx: Trx, grantId: string, event: RecordedEvent): Promise<void> {
  const grant = await grantOf(trx, grantId, event);
  if (grant.status === 'voided') return;
  await updateGrant(trx, grantId, { status: 'voided' });
  await amendFigures(trx, grant.innovator_id, event, (row) => ({
    grants: row.grants - 1,
    amount_awarded: row.amount_awarded - grant.amount,
    amount_paid: row.amount_paid - grant.paid,
  }));
}
