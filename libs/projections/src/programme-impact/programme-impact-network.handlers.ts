import { recordCorrection } from './programme-impact.corrections.js';
import type { ImpactHandlers, ImpactTrx } from './programme-impact.handler.js';
import { programmeOfIntroduction, requirePartnership } from './programme-impact.lookups.js';
import type { ImpactIntroductionsTable, ImpactPartnershipsTable } from './programme-impact.tables.js';

type NetworkEventType =
  | 'IntroductionMade'
  | 'IntroductionClosed'
  | 'IntroductionConverted'
  | 'IntroductionVoided'
  | 'PartnershipConfirmed'
  | 'PartnershipEnded'
  | 'PartnershipVoided';

async function setIntroductionStatus(trx: ImpactTrx, id: string, status: ImpactIntroductionsTable['status']) {
  await trx.updateTable('impact_introductions').set({ status }).where('introduction_id', '=', id).execute();
}

async function setPartnershipStatus(trx: ImpactTrx, id: string, status: ImpactPartnershipsTable['status']) {
  await trx.updateTable('impact_partnerships').set({ status }).where('partnership_id', '=', id).execute();
}

/** A voided partnership never happened, so the introduction it came from is open again (ADR 0002). */
async function reopenIntroduction(trx: ImpactTrx, id: string) {
  await trx
    .updateTable('impact_introductions')
    .set({ status: 'open' })
    .where('introduction_id', '=', id)
    .where('status', '=', 'converted')
    .execute();
}

/** Introductions and the partnerships confirmed from them (voided ones drop out, ended ones stay in). */
export const networkHandlers: ImpactHandlers<NetworkEventType> = {
  IntroductionMade: async (trx, data) => {
    await trx
      .insertInto('impact_introductions')
      .values({
        introduction_id: data.introductionId,
        programme_id: data.programmeId,
        innovator_id: data.innovatorId,
        made_on: data.madeOn,
        status: 'open',
      })
      .execute();
  },
  IntroductionClosed: (trx, data) => setIntroductionStatus(trx, data.introductionId, 'closed'),
  IntroductionConverted: (trx, data) => setIntroductionStatus(trx, data.introductionId, 'converted'),
  IntroductionVoided: async (trx, data, event) => {
    const programmeId = await programmeOfIntroduction(trx, data.introductionId, event);
    await setIntroductionStatus(trx, data.introductionId, 'voided');
    const summary = `Introduction ${data.introductionId} voided as recorded in error; it drops out of every total`;
    await recordCorrection(trx, event, { programmeId, reason: data.reason, summary });
  },
  PartnershipConfirmed: async (trx, data) => {
    await trx
      .insertInto('impact_partnerships')
      .values({
        partnership_id: data.partnershipId,
        introduction_id: data.introductionId,
        programme_id: data.programmeId,
        innovator_id: data.innovatorId,
        kind: data.kind,
        confirmed_on: data.confirmedOn,
        status: 'active',
      })
      .execute();
  },
  PartnershipEnded: async (trx, data, event) => {
    const { programmeId } = await requirePartnership(trx, data.partnershipId, event);
    await setPartnershipStatus(trx, data.partnershipId, 'ended');
    const summary = `Partnership ${data.partnershipId} ended on ${data.endedOn}; it stays in the partnerships confirmed`;
    await recordCorrection(trx, event, { programmeId, reason: data.reason, summary });
  },
  PartnershipVoided: async (trx, data, event) => {
    const { programmeId, introductionId } = await requirePartnership(trx, data.partnershipId, event);
    await setPartnershipStatus(trx, data.partnershipId, 'voided');
    await reopenIntroduction(trx, introductionId);
    const summary = `Partnership ${data.partnershipId} voided as recorded in error; it drops out of every total`;
    await recordCorrection(trx, event, { programmeId, reason: data.reason, summary });
  },
};
