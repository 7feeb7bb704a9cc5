import { eventHash, type RecordedEvent } from '@ledger/event-store';
import type { AlteredEvent } from './stream-checks.js';
import type { VerifyFailure } from './verify-result.js';

/** What two events of a stream may have exchanged: their data alone, or their whole content. */
const EXCHANGES: readonly (readonly (keyof RecordedEvent)[])[] = [
  ['data'],
  ['eventId', 'type', 'schemaVersion', 'occurredAt', 'data', 'metadata'],
];

/** A pair of altered events that are each other's content: one `reordered` failure for the two. */
export interface Swap {
  readonly first: AlteredEvent;
  readonly second: AlteredEvent;
  readonly failure: VerifyFailure;
}

/**
 * Among altered events, the pairs of one stream whose hashes both hold once their data (or their
 * whole content) is exchanged back: the events were swapped, not edited. Each event joins one pair
 * at most.
 *
 * @example
 * findSwaps(altered); // [{ first, second, failure: { kind: 'reordered', ... } }]
 */
export function findSwaps(altered: readonly AlteredEvent[]): Swap[] {
  const swaps: Swap[] = [];
  const paired = new Set<AlteredEvent>();
  for (const [i, first] of altered.entries()) {
    for (const second of altered.slice(i + 1)) {
      if (paired.has(first) || paired.has(second) || first.event.stream !== second.event.stream) continue;
      const fields = EXCHANGES.find((keys) => swappedBack(first, second, keys));
      if (fields === undefined) continue;
      paired.add(first).add(second);
      swaps.push({ first, second, failure: swapFailure(first, second, fields) });
    }
  }
  return swaps;
}

function swappedBack(a: AlteredEvent, b: AlteredEvent, keys: readonly (keyof RecordedEvent)[]): boolean {
  const take = (from: RecordedEvent) => Object.fromEntries(keys.map((key) => [key, from[key]]));
  const aBack = { ...a.event, ...take(b.event) } as RecordedEvent;
  const bBack = { ...b.event, ...take(a.event) } as RecordedEvent;
  return (
    eventHash(aBack, a.previousHash) === a.event.hash && eventHash(bBack, b.previousHash) === b.event.hash
  );
}

function swapFailure(first: AlteredEvent, second: AlteredEvent, keys: readonly string[]): VerifyFailure {
  const [a, b] = [first.event, second.event];
  const what = keys.length === 1 ? 'data' : 'content';
  return {
    ...first.failure,
    kind: 'reordered',
    message: `${a.stream} revisions ${a.streamRevision} (position ${a.globalPosition}) and ${b.streamRevision} (position ${b.globalPosition}) hold each other's ${what}: the two events were swapped`,
  };
}
