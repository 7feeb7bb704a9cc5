import { type EventStore, eventHash, type Position, type RecordedEvent } from '@ledger/event-store';
import type { StreamHead } from '../chain/merkle.js';
import { readSealEvent, type Seal, SEAL_STREAM } from '../seal/ledger-sealed.js';

/** A seal as read from the seal stream before the pass: what the log must match at its position. */
export interface ExpectedSeal {
  readonly event: RecordedEvent;
  /** Undefined when the event is not a seal this code reads (`problem` says why). */
  readonly seal?: Seal;
  readonly heads?: readonly StreamHead[];
  readonly problem?: string;
}

const SEALS_PER_READ = 500;

/** Every event of the seal stream, each read as a seal where it is one. */
export async function expectedSeals(store: EventStore): Promise<ExpectedSeal[]> {
  const seals: ExpectedSeal[] = [];
  const parse = (text: string) => store.parsePosition(text);
  for (;;) {
    const { events } = await store.readStream(SEAL_STREAM, {
      fromRevision: seals.length,
      maxCount: SEALS_PER_READ,
    });
    for (const event of events) {
      try {
        seals.push({ event, ...readSealEvent(event, parse) });
      } catch (error) {
        seals.push({ event, problem: error instanceof Error ? error.message : String(error) });
      }
    }
    if (events.length < SEALS_PER_READ) return seals;
  }
}

/**
 * The seals to check the log against, in the order the pass meets their positions: well-formed,
 * numbered by their revision, matching their own hash, each covering a position after the one
 * before and before its own event. The others are reported where their own event is read.
 */
export function checkpoints(
  seals: readonly ExpectedSeal[],
  compare: (a: Position, b: Position) => number,
): ExpectedSeal[] {
  const points: ExpectedSeal[] = [];
  for (const [index, expected] of seals.entries()) {
    const { seal, event } = expected;
    if (seal === undefined || seal.sealNumber !== event.streamRevision + 1) continue;
    // An altered seal says nothing: the pass reports it where its own event is read.
    if (eventHash(event, seals[index - 1]?.event.hash ?? null) !== event.hash) continue;
    const previous = points.at(-1)?.seal;
    if (previous && compare(seal.position, previous.position) <= 0) continue;
    if (compare(seal.position, event.globalPosition) >= 0) continue;
    points.push(expected);
  }
  return points;
}

/** Seal `sealNumber` as read, when it is well-formed and numbered by its revision. */
export function sealNumbered(seals: readonly ExpectedSeal[], sealNumber: number): ExpectedSeal['seal'] {
  const seal = seals.find((expected) => expected.event.streamRevision === sealNumber - 1)?.seal;
  return seal?.sealNumber === sealNumber ? seal : undefined;
}
