/** One row per event of the log, with its whole envelope, in arrival order. */
export interface AuditEventsTable {
  /** Assigned in arrival order: positions are opaque strings, so this is what sorts and pages. */
  seq: number;
  /** The event's global position, as the store gave it. */
  position: string;
  event_id: string;
  stream: string;
  /** From the stream name `<category>-<id>`; null for a stream outside the catalogue. */
  category: string | null;
  entity_id: string | null;
  type: string;
  stream_revision: number;
  occurred_at: string;
  recorded_at: string;
  schema_version: number;
  actor_id: string;
  actor_role: string;
  command_id: string;
  correlation_id: string;
  causation_id: string;
  source: string;
  reason: string | null;
  /** JSON text. */
  data: string;
  /** JSON text. */
  metadata: string;
  /** For a correction, void or revocation: the event it corrects. */
  corrects_event_id: string | null;
}

/** The counter `seq` is drawn from: one row per named sequence. */
export interface AuditSequenceTable {
  name: string;
  last_seq: number;
}

export interface AuditTrailTables {
  audit_events: AuditEventsTable;
  audit_sequence: AuditSequenceTable;
}
