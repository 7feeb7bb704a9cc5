import type { RecordedEvent } from '@ledger/event-store';
import { amendFigures, type Trx } from './innovator-summary.figures.js';

export async function introductionMade(
  trx: Trx,
  introductionId: string,
  innovatorId: string,
  event: RecordedEvent,
): Promise<void> {
  await trx
    .insertInto('innovator_summary_introductions')
    .values({ introduction_id: introductionId, innovator_id: innovatorId, status: 'made' })
    .execute();
  await amendFigures(trx, innovatorId, event, (row) => ({ introductions: row.introductions + 1 }));
}

/** A voided introduction never happened: it leaves its innovator's count (once, however often voided). */
export async function introductionVoided(
  trx: Trx,
  introductionId: string,
  event: RecordedEvent,
): Promise<void> {
  const introduction = await trx
    .selectFrom('innovator_summary_introductions')
    .select(['innovator_id', 'status'])
    .where('introduction_id', '=', introductionId)
    .executeTakeFirst();
  if (!introduction)
    throw new Error(`innovator-summary: ${event.type} for unknown introduction ${introductionId}`);
  if (introduction.status === 'voided') return;
  await trx
    .updateTable('innovator_summary_introductions')
    .set({ status: 'voided' })
    .where('introduction_id', '=', introductionId)
    .execute();
  await amendFigures(trx, introduction.innovator_id, event, (row) => ({
    introductions: row.introductions - 1,
  }));
}

export async function partnershipConfirmed(
  trx: Trx,
  partnershipId: string,
  innovatorId: string,
  event: RecordedEvent,
): Promise<void> {
  await trx
    .insertInto('innovator_summary_partnerships')
    .values({ partnership_id: partnershipId, innovator_id: innovatorId, status: 'confirmed' })
    .execute();
  await amendFigures(trx, innovatorId, event, (row) => ({ partnerships: row.partnerships + 1 }));
}

/** A voided partnership never happened; an ended one did, and keeps counting. */
export async function partnershipVoided(
  trx: Trx,
  partnershipId: string,
  event: RecordedEvent,
): Promise<void> {
  const partnership = await trx
    .selectFrom('innovator_summary_partnerships')
    .select(['innovator_id', 'status'])
    .where('partnership_id', '=', partnershipId)
    .executeTakeFirst();
  if (!partnership)
    throw new Error(`innovator-summary: ${event.type} for unknown partnership ${partnershipId}`);
  if (partnership.status === 'voided') return;
  await trx
    .updateTable('innovator_summary_partnerships')
    .set({ status: 'voided' })
    .where('partnership_id', '=', partnershipId)
    .execute();
  await amendFigures(trx, partnership.innovator_id, event, (row) => ({ partnerships: row.partnerships - 1 }));
}
