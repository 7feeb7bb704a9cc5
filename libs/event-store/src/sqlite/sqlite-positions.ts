import type { Position } from '../port.js';

/**
 * Positions in the embedded store are the `events.position` column: gap-free integers from 1, with
 * "0" meaning "before the first event". They stay below 2^53, so a JS number holds them exactly.
 */
const DECIMAL = /^\d{1,16}$/;

export function toPosition(sequence: number): Position {
  return String(sequence) as Position;
}

/** The numeric sequence behind a position; throws when the text is not one of this store's positions. */
export function toSequence(position: Position): number {
  const sequence = parseSequence(position);
  if (sequence === undefined) throw new Error(`Not a position of the SQLite event store: "${position}"`);
  return sequence;
}

/** Canonical form of a client-sent position ("007" becomes "7"); undefined when it is not one. */
export function parsePosition(text: string): Position | undefined {
  const sequence = parseSequence(text);
  return sequence === undefined ? undefined : toPosition(sequence);
}

export function comparePositions(a: Position, b: Position): number {
  return Math.sign(toSequence(a) - toSequence(b));
}

function parseSequence(text: string): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const sequence = Number(text);
  return Number.isSafeInteger(sequence) ? sequence : undefined;
}
