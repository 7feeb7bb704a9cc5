import type { Kysely } from 'kysely';
import type { EventMetadata } from '@ledger/event-store';
import type { AuditEventsTable, AuditTrailTables } from './audit-trail.tables.js';

/** The event a correction corrects, to show next to it. */
export interface AuditCorrectionRef {
  readonly eventId: string;
  readonly type: string;
  readonly streamRevision: number;
}

/** One event of the audit trail with its full envelope; data and metadata as objects again. */
export interface AuditEntry {
  /** The cursor of searchEvents: the order events arrived in. */
  readonly seq: number;
  readonly position: string;
  readonly eventId: string;
  readonly type: string;
  readonly stream: string;
  readonly category: string | null;
  readonly entityId: string | null;
  readonly streamRevision: number;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  /** Set for corrections, voids and revocations; null for every other event. */
  readonly corrects: AuditCorrectionRef | null;
}

type AuditRow = AuditEventsTable & {
  corrects_type: string | null;
  corrects_stream_revision: number | null;
};

/** Internal to this folder's queries: every column of an event, with the type and revision of the event it corrects, if any. */
export function auditEvents(db: Kysely<AuditTrailTables>) {
  return db
    .selectFrom('audit_events as e')
    .leftJoin('audit_events as target', 'target.event_id', 'e.corrects_event_id')
    .selectAll('e')
    .select(['target.type as corrects_type', 'target.stream_revision as corrects_stream_revision']);
}

const correctsOf = (row: AuditRow): AuditCorrectionRef | null =>
  row.corrects_event_id === null || row.corrects_type === null || row.corrects_stream_revision === null
    ? null
    : {
        eventId: row.corrects_event_id,
        type: row.corrects_type,
        streamRevision: row.corrects_stream_revision,
      };

export const toAuditEntry = (row: AuditRow): AuditEntry => ({
  seq: Number(row.seq),
  position: row.position,
  eventId: row.event_id,
  type: row.type,
  stream: row.stream,
  category: row.category,
  entityId: row.entity_id,
  streamRevision: row.stream_revision,
  occurredAt: row.occurred_at,
  recordedAt: row.recorded_at,
  schemaVersion: row.schema_version,
  data: JSON.parse(row.data) as unknown,
  // Written by this projection from a RecordedEvent's metadata, so it parses back to that shape.
  metadata: JSON.parse(row.metadata) as EventMetadata,
  corrects: correctsOf(row),
});
