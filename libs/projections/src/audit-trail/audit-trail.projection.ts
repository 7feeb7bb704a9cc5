import type { Insertable, Transaction } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store';
import { EVENT_TYPES, parseStreamName } from '@ledger/ledger-domain';
import type { Projection } from '../projection.js';
import { eraseFromAuditTrail } from './audit-trail.erasure.js';
import { auditTrailMigrations } from './audit-trail.migrations.js';
import type { AuditEventsTable, AuditTrailTables } from './audit-trail.tables.js';

type Trx = Transaction<AuditTrailTables>;

/**
 * What each correction corrects: the latest earlier event of these types in its own stream. A second
 * amount correction corrects the first, so auditors can follow a figure from change to change.
 */
const CORRECTS: Readonly<Record<string, readonly string[]>> = {
  GrantAmountCorrected: ['GrantAwarded', 'GrantAmountCorrected'],
  GrantRevoked: ['GrantAwarded'],
  GrantAwardVoided: ['GrantAwarded'],
  IntroductionVoided: ['IntroductionMade'],
  PartnershipVoided: ['PartnershipConfirmed'],
};

/** The next value of the arrival counter; the runner's transaction makes draws one at a time. */
async function nextSeq(trx: Trx): Promise<number> {
  const { last_seq } = await trx
    .insertInto('audit_sequence')
    .values({ name: 'audit_events', last_seq: 1 })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet((eb) => ({ last_seq: eb('audit_sequence.last_seq', '+', 1) })),
    )
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return Number(last_seq);
}

async function correctedEventId(trx: Trx, event: RecordedEvent): Promise<string | null> {
  const targets = CORRECTS[event.type];
  if (!targets) return null;
  const target = await trx
    .selectFrom('audit_events')
    .select('event_id')
    .where('stream', '=', event.stream)
    .where('type', 'in', targets)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return target?.event_id ?? null;
}

/** The row of one event: its whole envelope, flattened where auditors filter, and kept whole as JSON. */
function rowOf(
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

async function handle(trx: Trx, event: RecordedEvent): Promise<void> {
  const corrects = await correctedEventId(trx, event);
  await trx
    .insertInto('audit_events')
    .values(rowOf(event, await nextSeq(trx), corrects))
    // A re-delivered event keeps the place it was first given.
    .onConflict((oc) => oc.column('event_id').doNothing())
    .execute();
  if (event.type === 'PersonalDataErased') {
    await eraseFromAuditTrail(trx, (event.data as { personId: string }).personId);
  }
}

/**
 * Every event of every type with its full envelope, and each correction linked to what it corrects
 * (SPEC §4). A forgotten person's data is erased from the rows of earlier events (SPEC §6).
 */
export const auditTrailProjection: Projection<AuditTrailTables> = {
  name: 'audit-trail',
  version: 1,
  eventTypes: EVENT_TYPES,
  migrations: auditTrailMigrations,
  handle,
  scrubsOn: ['PersonalDataErased'],
};
