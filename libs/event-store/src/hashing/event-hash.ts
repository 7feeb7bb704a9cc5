import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { EventMetadata } from '../port.js';

/** The hash algorithm of the chain, as verify reports name it. */
export const EVENT_HASH_ALGORITHM = 'sha256';

/**
 * What an event's hash covers: everything the event says, where it sits in its stream, and the hash
 * of the event before it in that stream (null for a stream's first event). The global position and
 * `recordedAt` are assigned by the store (EventStoreDB only after the write), so the chain leaves them
 * out; seals cover them (ADR 0011).
 */
export interface HashedEventContent {
  readonly stream: string;
  readonly streamRevision: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly occurredAt: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

/**
 * The SHA-256 (hex) of the RFC 8785 canonical JSON of an event's content and the previous hash of
 * its stream. Key order, spacing and number spelling do not change it; any change of a value does.
 *
 * @example
 * eventHash({ stream: 'grant-g1', streamRevision: 0, eventId: 'e1', type: 'GrantAwarded', ... }, null);
 * // 'a3f1…' (64 hex digits)
 */
export function eventHash(content: HashedEventContent, previousHash: string | null): string {
  const { stream, streamRevision, eventId, type, schemaVersion, occurredAt, data, metadata } = content;
  const canonical = canonicalJson({
    previousHash,
    stream,
    streamRevision,
    eventId,
    type,
    schemaVersion,
    occurredAt,
    data: data ?? null,
    metadata,
  });
  return sha256Hex(canonical);
}

/** SHA-256 of a UTF-8 text, as 64 lower-case hex digits. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
