import {
  ANY,
  type AppendExpectedRevision,
  type CurrentRevision,
  NO_STREAM,
  type ExpectedRevision as EsdbExpectedRevision,
} from '@eventstore/db-client';
import type { ExpectedRevision } from '../port.js';

/** The port's expected revision as the client takes it; -1 means "no stream", as in the embedded store. */
export function toEsdbExpectedRevision(expected: ExpectedRevision): EsdbExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no-stream' || expected === -1) return NO_STREAM;
  return BigInt(expected);
}

/** The client's expected revision in the port's terms; `stream_exists` has none (the ledger never sends it). */
export function fromEsdbExpectedRevision(expected: AppendExpectedRevision): ExpectedRevision {
  if (expected === ANY) return 'any';
  if (expected === NO_STREAM) return 'no-stream';
  if (typeof expected === 'bigint') return toRevision(expected);
  throw new Error(`Expected revision "${expected}" has no equivalent in the event store port`);
}

/** A stream's current revision as the port counts it: -1 when the stream does not exist. */
export function fromEsdbRevision(current: CurrentRevision): number {
  return current === NO_STREAM ? -1 : toRevision(current);
}

/** A bigint revision as a number; revisions stay far below 2^53, anything else is corrupt. */
export function toRevision(revision: bigint): number {
  const value = Number(revision);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`Stream revision ${revision} is out of range`);
  return value;
}

/** True when a stream at `actual` satisfies `expected` (the check the server makes, made up front). */
export function revisionHolds(expected: ExpectedRevision, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return actual === -1;
  return expected === actual;
}
