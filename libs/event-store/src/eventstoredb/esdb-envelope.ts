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
 * The JSON metadata of a ledger event on the server: the port's envelope fields, the event's hash
 * (its link in the stream's chain, `eventHash`), plus EventStoreDB's conventional `$correlationId` /
 * `$causationId`, which its own projections and UI understand.
 */
export type EsdbEventMetadata = {
  readonly occurredAt: string;
  readonly schemaVersion: number;
  readonly hash: string;
  readonly $correlationId: string;
  readonly $causationId: string;
} & EventMetadata;

const SOURCES: readonly EventSource[] = ['api', 'cli', 'import'];
const HASH = /^[0-9a-f]{64}$/;

/**
 * The port's metadata as this adapter stores it and reads it back: these fields and no others, in
 * this shape. An event's hash covers exactly this, so it is what `toRecordedEvent` returns.
 */
export function ledgerMetadata(metadata: EventMetadata): EventMetadata {
  const { actor, commandId, correlationId, causationId, source, reason } = metadata;
  return {
    actor: { id: actor.id, role: actor.role },
    commandId,
    correlationId,
    causationId,
    source,
    ...(reason === undefined ? {} : { reason }),
  };
}

export function toEsdbMetadata(event: NewEvent, hash: string): EsdbEventMetadata {
  const { correlationId, causationId } = event.metadata;
  return {
    occurredAt: event.occurredAt,
    schemaVersion: event.schemaVersion,
    ...ledgerMetadata(event.metadata),
    hash,
    $correlationId: correlationId,
    $causationId: causationId,
  };
}

/** A new event as the client appends it: JSON data, JSON metadata with its hash, the id chosen for it. */
export function toEventData(event: NewEvent, eventId: string, hash: string): EventData {
  return jsonEvent<JSONEventType>({
    id: eventId,
    type: event.type,
    // The port's data is any JSON value; the client's type omits null and numbers but serialises them alike.
    data: (event.data ?? null) as JSONType,
    metadata: toEsdbMetadata(event, hash),
  });
}

/** A stored event in the port's envelope; throws, naming the event, when it is not a ledger event. */
export function toRecordedEvent(event: StoredEsdbEvent): RecordedEvent {
  const where = whereIs(event);
  if (event.position === undefined) {
    throw new Error(`${where} came without its position: EventStoreDB 22.6 or later is required`);
  }
  if (!event.isJson) throw new Error(`${where} is not JSON, so it is not a ledger event`);
  const metadata = readMetadata(event.metadata);
  if (metadata === undefined) throw new Error(`${where} has no ledger envelope in its metadata`);
  const hash = storedHash(event);
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
    hash,
  };
}

/**
 * The hash a stored event carries, which the next event of its stream chains to. Every ledger event
 * of this version has one; an event without (a foreign write, or one from before the chain) cannot
 * be vouched for, so it is refused like any other event that is not the ledger's: reading it, and
 * appending after it.
 */
export function storedHash(event: StoredEsdbEvent): string {
  const hash = isRecord(event.metadata) ? event.metadata['hash'] : undefined;
  if (typeof hash !== 'string' || !HASH.test(hash)) {
    throw new Error(
      `${whereIs(event)} has no hash in its metadata, so it is not a ledger event of this version`,
    );
  }
  return hash;
}

function whereIs(event: StoredEsdbEvent): string {
  return `Event ${event.id} of stream ${event.streamId} at revision ${event.revision}`;
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
  const envelope = ledgerMetadata({
    actor: { id, role },
    commandId,
    correlationId,
    causationId,
    source,
    reason,
  });
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
