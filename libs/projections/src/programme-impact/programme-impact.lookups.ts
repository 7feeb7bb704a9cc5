import type { RecordedEvent } from '@ledger/event-store';
import { pence, type Pence } from '@ledger/ledger-domain';
import { type ImpactTrx, unknownEntity } from './programme-impact.handler.js';

/** Money read back from a bigint column: a number on SQLite, a string on PostgreSQL. */
export function toPence(value: number | string): Pence {
  return pence(Number(value));
}

/** Income and forecasts name only the innovator: the programme comes from its enrolment. */
export async function programmeOfInnovator(trx: ImpactTrx, innovatorId: string, event: RecordedEvent) {
  const row = await trx
    .selectFrom('impact_innovators')
    .select('programme_id')
    .where('innovator_id', '=', innovatorId)
    .executeTakeFirst();
  if (!row) throw unknownEntity('innovator', innovatorId, event);
  return row.programme_id;
}

export async function requireGrant(trx: ImpactTrx, grantId: string, event: RecordedEvent) {
  const row = await trx
    .selectFrom('impact_grants')
    .select(['programme_id', 'amount', 'paid'])
    .where('grant_id', '=', grantId)
    .executeTakeFirst();
  if (!row) throw unknownEntity('grant', grantId, event);
  return { programmeId: row.programme_id, amount: toPence(row.amount), paid: toPence(row.paid) };
}

export async function programmeOfIntroduction(trx: ImpactTrx, introductionId: string, event: RecordedEvent) {
  const row = await trx
    .selectFrom('impact_introductions')
    .select('programme_id')
    .where('introduction_id', '=', introductionId)
    .executeTakeFirst();
  if (!row) throw unknownEntity('introduction', introductionId, event);
  return row.programme_id;
}

export async function requirePartnership(trx: ImpactTrx, partnershipId: string, event: RecordedEvent) {
  const row = await trx
    .selectFrom('impact_partnerships')
    .select(['programme_id', 'introduction_id'])
    .where('partnership_id', '=', partnershipId)
    .executeTakeFirst();
  if (!row) throw unknownEntity('partnership', partnershipId, event);
  return { programmeId: row.programme_id, introductionId: row.introduction_id };
}
