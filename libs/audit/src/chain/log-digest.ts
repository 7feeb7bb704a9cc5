import { type RecordedEvent, sha256Hex } from '@ledger/event-store';

/** What the log digest takes of each event: where and when the store put it, and its hash. */
export type DigestedEvent = Pick<RecordedEvent, 'globalPosition' | 'recordedAt' | 'hash'>;

/**
 * One step of a seal's `logDigest`, the running chain over every ledger event (seal events left
 * out) in position order: `d(n) = SHA-256 hex of the JSON array [d(n-1), globalPosition, recordedAt,
 * hash]`, with `d(0) = null`. The per-stream hash chain leaves the position and `recordedAt` out
 * (EventStoreDB assigns them after the write); this chain covers them, so an event removed, added,
 * moved to another position or re-dated anywhere in the log changes every digest after it.
 *
 * @example
 * nextLogDigest(null, { globalPosition: '1', recordedAt: '2018-01-01T00:00:00.000Z', hash: 'a3f1…' });
 * // SHA-256 of '[null,"1","2018-01-01T00:00:00.000Z","a3f1…"]'
 */
export function nextLogDigest(previous: string | null, event: DigestedEvent): string {
  return sha256Hex(JSON.stringify([previous, event.globalPosition, event.recordedAt, event.hash]));
}
