import type { Position } from '@ledger/event-store';
import type { CorrectionFact } from '@ledger/projections';
import type { ReportedCorrection } from './impact-report.types.js';

/** Orders two positions of the event store that issued them (`EventStore.comparePositions`). */
export type ComparePositions = (a: Position, b: Position) => number;

const DECIMAL = /^(0|[1-9][0-9]*)$/;

/**
 * The embedded store's order: positions are decimal integers. Any other position needs the store's
 * own comparator; guessing an order for it could drop a correction from the report unnoticed.
 *
 * @example
 * compareDecimalPositions('9' as Position, '10' as Position); // negative: '9' comes first
 */
export const compareDecimalPositions: ComparePositions = (a, b) => {
  if (!DECIMAL.test(a) || !DECIMAL.test(b)) {
    throw new Error(`Cannot order positions "${a}" and "${b}": pass the event store's comparePositions`);
  }
  const [x, y] = [BigInt(a), BigInt(b)];
  return x === y ? 0 : x < y ? -1 : 1;
};

/** The corrections after `since` (all of them without it), in log order. */
export function correctionsSince(
  corrections: readonly CorrectionFact[],
  since: Position | undefined,
  compare: ComparePositions,
): ReportedCorrection[] {
  return corrections
    .filter((correction) => since === undefined || compare(correction.position, since) > 0)
    .map(({ position, eventId, type, entityStream, recordedAt, actor, reason, summary }) => ({
      position,
      eventId,
      type,
      entityStream,
      recordedAt,
      actor,
      reason,
      summary,
    }));
}
