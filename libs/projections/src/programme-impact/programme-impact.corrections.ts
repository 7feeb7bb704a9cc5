import type { RecordedEvent } from '@ledger/event-store';
import type { ImpactTrx } from './programme-impact.handler.js';

/** The event types the impact report lists as corrections (what changed a figure after the fact). */
export const CORRECTION_TYPES = [
  'GrantAmountCorrected',
  'GrantRevoked',
  'GrantAwardVoided',
  'IntroductionVoided',
  'PartnershipVoided',
  'PartnershipEnded',
] as const;

export interface CorrectionFacts {
  readonly programmeId: string;
  /** The reason in the event's data; the envelope's reason wins when both are present. */
  readonly reason: string;
  /** One line for people, e.g. 'Grant g1 amount corrected from £2,000.00 to £20,000.00'. */
  readonly summary: string;
}

/**
 * Records a correction with who, when and why from the envelope. `seq` counts corrections in the
 * order they are applied, which is log order, so it sorts in SQL whatever the store's positions are.
 */
export async function recordCorrection(trx: ImpactTrx, event: RecordedEvent, facts: CorrectionFacts) {
  const last = await trx
    .selectFrom('impact_corrections')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  await trx
    .insertInto('impact_corrections')
    .values({
      event_id: event.eventId,
      position: event.globalPosition,
      seq: Number(last?.seq ?? 0) + 1,
      type: event.type,
      entity_stream: event.stream,
      programme_id: facts.programmeId,
      recorded_at: event.recordedAt,
      actor_id: event.metadata.actor.id,
      actor_role: event.metadata.actor.role,
      reason: event.metadata.reason ?? facts.reason,
      summary: facts.summary,
    })
    .execute();
}
