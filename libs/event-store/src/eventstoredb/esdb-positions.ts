import type { Position as EsdbPosition } from '@eventstore/db-client';
import type { Position } from '../port.js';

/**
 * EventStoreDB positions are `{ commit, prepare }` offsets in its transaction file. The port's text
 * form is `<commit>:<prepare>` in canonical decimal; only `comparePositions` may order two of them
 * (the text does not sort, and `Number()` of it is NaN on purpose: it is not an ordinal).
 */
const POSITION = /^(0|[1-9]\d{0,19}):(0|[1-9]\d{0,19})$/;
const MAX_OFFSET = 2n ** 64n - 1n;

export function encodePosition({ commit, prepare }: EsdbPosition): Position {
  if (!isOffset(commit) || !isOffset(prepare)) {
    throw new Error(`Not an EventStoreDB position: commit ${commit}, prepare ${prepare}`);
  }
  return `${commit}:${prepare}` as Position;
}

/** The offsets behind a position; throws when the text is not one of this store's positions. */
export function decodePosition(position: string): EsdbPosition {
  const decoded = parseOffsets(position);
  if (decoded === undefined) throw new Error(`Not a position of the EventStoreDB event store: "${position}"`);
  return decoded;
}

/** A client-sent position in canonical form; undefined when it is not one of this store's. */
export function parsePosition(text: string): Position | undefined {
  const decoded = parseOffsets(text);
  return decoded === undefined ? undefined : encodePosition(decoded);
}

/** Orders as the log does: by commit offset, then prepare offset. */
export function compareEsdbPositions(a: EsdbPosition, b: EsdbPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

export function comparePositions(a: Position, b: Position): number {
  return compareEsdbPositions(decodePosition(a), decodePosition(b));
}

function parseOffsets(text: string): EsdbPosition | undefined {
  const match = POSITION.exec(text);
  if (match === null) return undefined;
  const [, commit = '', prepare = ''] = match;
  const decoded = { commit: BigInt(commit), prepare: BigInt(prepare) };
  return isOffset(decoded.commit) && isOffset(decoded.prepare) ? decoded : undefined;
}

function isOffset(value: bigint): boolean {
  return value >= 0n && value <= MAX_OFFSET;
}
