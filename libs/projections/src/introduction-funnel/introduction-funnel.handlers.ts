import type { Transaction } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store';
import type { IntroductionMade, PartnershipConfirmed } from '@ledger/ledger-domain';
import type { IntroductionFunnelTables } from './introduction-funnel.tables.js';

export type Trx = Transaction<IntroductionFunnelTables>;

const DAY_MS = 86_400_000;

/** Whole days between two ISO dates (both read as UTC midnight, so the difference is exact). */
const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/** Stop the projection rather than skip: a figure cut by a missing dimension would silently be wrong. */
function required<T>(value: T | undefined, event: RecordedEvent, what: string): T {
  if (value === undefined)
    throw new Error(`introduction-funnel: ${event.type} refers to ${what}, never recorded`);
  return value;
}

export async function partnerRegistered(trx: Trx, partnerId: string, sector: string): Promise<void> {
  await trx
    .insertInto('funnel_partners')
    .values({ partner_id: partnerId, sector })
    .onConflict((oc) => oc.column('partner_id').doUpdateSet({ sector }))
    .execute();
}

export async function innovatorEnrolled(trx: Trx, innovatorId: string, challengeArea: string): Promise<void> {
  await trx
    .insertInto('funnel_innovators')
    .values({ innovator_id: innovatorId, challenge_area: challengeArea })
    .onConflict((oc) => oc.column('innovator_id').doUpdateSet({ challenge_area: challengeArea }))
    .execute();
}

export async function introductionMade(
  trx: Trx,
  data: IntroductionMade['data'],
  event: RecordedEvent,
): Promise<void> {
  const partner = await trx
    .selectFrom('funnel_partners')
    .select('sector')
    .where('partner_id', '=', data.partnerId)
    .executeTakeFirst();
  const innovator = await trx
    .selectFrom('funnel_innovators')
    .select('challenge_area')
    .where('innovator_id', '=', data.innovatorId)
    .executeTakeFirst();
  await trx
    .insertInto('funnel_introductions')
    .values({
      introduction_id: data.introductionId,
      programme_id: data.programmeId,
      innovator_id: data.innovatorId,
      partner_id: data.partnerId,
      partner_sector: required(partner, event, `partner ${data.partnerId}`).sector,
      challenge_area: required(innovator, event, `innovator ${data.innovatorId}`).challenge_area,
      made_on: data.madeOn,
      month: data.madeOn.slice(0, 7),
      status: 'open',
    })
    .execute();
}

/** The partnership converts its introduction; a voided introduction stays out of the figures. */
export async function partnershipConfirmed(
  trx: Trx,
  data: PartnershipConfirmed['data'],
  event: RecordedEvent,
) {
  const introduction = await trx
    .selectFrom('funnel_introductions')
    .select(['made_on', 'status'])
    .where('introduction_id', '=', data.introductionId)
    .executeTakeFirst();
  const { made_on, status } = required(introduction, event, `introduction ${data.introductionId}`);
  await trx
    .updateTable('funnel_introductions')
    .set({
      status: status === 'voided' ? 'voided' : 'converted',
      partnership_id: data.partnershipId,
      partnership_kind: data.kind,
      confirmed_on: data.confirmedOn,
      days_to_partnership: daysBetween(made_on, data.confirmedOn),
    })
    .where('introduction_id', '=', data.introductionId)
    .execute();
}

/** A voided partnership never happened: its introduction is open again, and may be converted again. */
export async function partnershipVoided(
  trx: Trx,
  partnershipId: string,
  event: RecordedEvent,
): Promise<void> {
  const introduction = await trx
    .selectFrom('funnel_introductions')
    .select(['introduction_id', 'status'])
    .where('partnership_id', '=', partnershipId)
    .executeTakeFirst();
  const { introduction_id, status } = required(introduction, event, `partnership ${partnershipId}`);
  await trx
    .updateTable('funnel_introductions')
    .set({
      status: status === 'converted' ? 'open' : status,
      partnership_id: null,
      partnership_kind: null,
      confirmed_on: null,
      days_to_partnership: null,
    })
    .where('introduction_id', '=', introduction_id)
    .execute();
}
