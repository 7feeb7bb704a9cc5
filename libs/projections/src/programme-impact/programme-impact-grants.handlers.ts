import { addPence, formatPounds } from '@ledger/ledger-domain';
import { recordCorrection } from './programme-impact.corrections.js';
import type { ImpactHandlers, ImpactTrx } from './programme-impact.handler.js';
import { requireGrant } from './programme-impact.lookups.js';

type GrantEventType =
  'GrantAwarded' | 'GrantPaymentMade' | 'GrantAmountCorrected' | 'GrantRevoked' | 'GrantAwardVoided';

async function setGrantStatus(trx: ImpactTrx, grantId: string, status: 'revoked' | 'voided') {
  await trx.updateTable('impact_grants').set({ status }).where('grant_id', '=', grantId).execute();
}

/** Grants: amount after corrections, paid total, and status (revoked stays in awards, voided drops out). */
export const grantHandlers: ImpactHandlers<GrantEventType> = {
  GrantAwarded: async (trx, data) => {
    await trx
      .insertInto('impact_grants')
      .values({
        grant_id: data.grantId,
        programme_id: data.programmeId,
        innovator_id: data.innovatorId,
        title: data.title,
        amount: data.amount,
        paid: 0,
        awarded_on: data.awardedOn,
        status: 'awarded',
      })
      .execute();
  },
  GrantPaymentMade: async (trx, data, event) => {
    const { paid } = await requireGrant(trx, data.grantId, event);
    await trx
      .updateTable('impact_grants')
      .set({ paid: addPence(paid, data.amount) })
      .where('grant_id', '=', data.grantId)
      .execute();
  },
  GrantAmountCorrected: async (trx, data, event) => {
    const { programmeId } = await requireGrant(trx, data.grantId, event);
    await trx
      .updateTable('impact_grants')
      .set({ amount: data.to })
      .where('grant_id', '=', data.grantId)
      .execute();
    const summary = `Grant ${data.grantId} amount corrected from ${formatPounds(data.from)} to ${formatPounds(data.to)}`;
    await recordCorrection(trx, event, { programmeId, reason: data.reason, summary });
  },
  GrantRevoked: async (trx, data, event) => {
    const { programmeId, amount } = await requireGrant(trx, data.grantId, event);
    await setGrantStatus(trx, data.grantId, 'revoked');
    const summary = `Grant ${data.grantId} (${formatPounds(amount)}) revoked on ${data.revokedOn}; it stays in the awards made`;
    await recordCorrection(trx, event, { programmeId, reason: data.reason, summary });
  },
  GrantAwardVoided: async (trx, data, event) => {
    const { programmeId, amount } = await requireGrant(trx, data.grantId, event);
    await setGrantStatus(trx, data.grantId, 'voided');
    const summary = `Grant ${data.grantId} (${formatPounds(amount)}) voided as recorded in error; it drops out of every total`;
    await recordCorrection(trx, event, { programmeId, reason: data.reason, summary });
  },
};
