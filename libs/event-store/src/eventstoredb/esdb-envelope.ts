import {
  type EventData,
  type Position as EsdbPosition,
  jsonEvent,
  type JSONEventType,
  type JSONType,
} from '@eventstore/db-client';
import type { EventMetadata, EventSource, NewEvent, RecordedEvent } from '../port.js';
import { encodePosition } from './esdb-positions.js';
import { toRevision } from './esdb-revisions.js';

/** An event as the client returns it from a read (the fields the adapter uses). */
export interface StoredEsdbEvent {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly created: Date;
  readonly isJson: boolean;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly position?: EsdbPosition;
}

/**
 * The JSON metadata of a ledger event on the server: the port's envelope fields, plus EventStoreDB's
 * conventional `$correlationId` / `$causationId`, which its own projections and UI understand.
 */
export type EsdbEventMetadata = {
  readonly occurredAt: string;
  readonly schemaVersion: number;
  readonly $correlationId: string;
  readonly $causationId: string;
} & EventMetadata;

const SOURCES: readonly EventSource[] = ['api', 'cli', 'import'];

export function toEsdbMetadata(event: NewEvent): EsdbEventMetadata {
  const { actor, commandId, correlationId, causationId, source, reason } = event.metadata;
  return {
    occurredAt: event.occurredAt,
    schemaVersion: event.schemaVersion,
    actor: { id: actor.id, role: actor.role },
    commandId,
    correlationId,
    causationId,
    source,
    ...(reason === undefined ? {} : { reason }),
    $correlationId: correlationId,
    $causationId: causationId,
  };
}

/** A new event as the client appends it: JSON data, JSON metadata, the id chosen for it. */
export function toEventData(event: NewEvent, eventId: string): EventData {
  return jsonEvent<JSONEventType>({
    id: eventId,
    type: event.type,
    // The port's data is any JSON value; the client's type omits null and numbers but serialises them alike.
    data: (event.data ?? null) as JSONType,
    metadata: toEsdbMetadata(event),
  });
}

/** A stored event in the port's envelope; throws, naming the event, when it is not a ledger event. */
export function toRecordedEvent(event: StoredEsdbEvent): RecordedEvent {
  const where = `Event ${event.id} of stream ${event.streamId} at revision ${event.revision}`;
  if (event.position === undefined) {
    throw new Error(`${where} came without its position: EventStoreDB 22.6 or later is required`);
  }
  if (!event.isJson) throw new Error(`${where} is not JSON, so it is not a ledger event`);
  const metadata = readMetadata(event.metadata);
  if (metadata === undefined) throw new Error(`${where} has no ledger envelope in its metadata`);
  return {
    eventId: event.id,
    type: event.type,
    stream: event.streamId,
    streamRevision: toRevision(event.revision),
    globalPosition: encodePosition(event.position),
    occurredAt: metadata.occurredAt,
    recordedAt: event.created.toISOString(),
    schemaVersion: metadata.schemaVersion,
    data: event.data,
    metadata: metadata.envelope,
  };
}

interface ReadMetadata {
  readonly occurredAt: string;
  readonly schemaVersion: number;
  readonly envelope: EventMetadata;
}

function readMetadata(raw: unknown): ReadMetadata | undefined {
  if (!isRecord(raw) || !isRecord(raw['actor'])) return undefined;
  const [occurredAt, commandId, correlationId, causationId] = strings(
    raw,
    'occurredAt',
    'commandId',
    'correlationId',
    'causationId',
  );
  const [id, role] = strings(raw['actor'], 'id', 'role');
  const { schemaVersion, source, reason } = raw;
  if (occurredAt === undefined || commandId === undefined || correlationId === undefined) return undefined;
  if (causationId === undefined || id === undefined || role === undefined) return undefined;
  if (typeof schemaVersion !== 'number' || !isSource(source)) return undefined;
  if (reason !== undefined && typeof reason !== 'string') return undefined;
  const envelope: EventMetadata = {
    actor: { id, role },
    commandId,
    correlationId,
    causationId,
    source,
    ...(reason === undefined ? {} : { reason }),
  };
  return { occurredAt, schemaVersion, envelope };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

function strings(record: Record<string, unknown>, ...keys: string[]): (string | undefined)[] {
  return keys.map((key) => {
    const value = record[key];
    return typeof value === 'string' ? value : undefined;
  });
}

function isSource(value: unknown): value is EventSource {
  return SOURCES.some((source) => source === value);
}
