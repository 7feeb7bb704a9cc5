import type { Insertable } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store';
import { parseStreamName } from '@ledger/ledger-domain';
import type { AuditEventsTable } from './audit-trail.tables.js';

/**
 * What each correction corrects: the latest earlier event of these types in its own stream. A second
 * amount correction corrects the first, so auditors can follow a figure from change to change.
 */
export const CORRECTS: Readonly<Record<string, readonly string[]>> = {
  GrantAmountCorrected: ['GrantAwarded', 'GrantAmountCorrected'],
  GrantRevoked: ['GrantAwarded'],
  GrantAwardVoided: ['GrantAwarded'],
  IntroductionVoided: ['IntroductionMade'],
  PartnershipVoided: ['PartnershipConfirmed'],
};

/** The row of one event: its whole envelope, flattened where auditors filter, and kept whole as JSON. */
export function rowOf(
  event: RecordedEvent,
  seq: number,
  correctsEventId: string | null,
): Insertable<AuditEventsTable> {
  const { metadata } = event;
  const entity = parseStreamName(event.stream);
  return {
    seq,
    position: event.globalPosition,
    event_id: event.eventId,
    stream: event.stream,
    category: entity?.category ?? null,
    entity_id: entity?.id ?? null,
    type: event.type,
    stream_revision: event.streamRevision,
    occurred_at: event.occurredAt,
    recorded_at: event.recordedAt,
    schema_version: event.schemaVersion,
    actor_id: metadata.actor.id,
    actor_role: metadata.actor.role,
    command_id: metadata.commandId,
    correlation_id: metadata.correlationId,
    causation_id: metadata.causationId,
    source: metadata.source,
    reason: metadata.reason ?? null,
    data: JSON.stringify(event.data),
    metadata: JSON.stringify(metadata),
    corrects_event_id: correctsEventId,
  };
}
