import { ConcurrencyError, EventStoreUnavailableError } from '../errors.js';
import type { ExpectedRevision } from '../port.js';
import { fromEsdbRevision } from './esdb-revisions.js';

/** gRPC status codes that mean the server could not be reached or did not answer in time. */
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;
const UNAVAILABLE_TYPES = ['unavailable', 'deadline-exceeded'];

/**
 * Part of a multi-stream append landed and the rest cannot: a stream after the first one moved
 * between the up-front check and its write. The written part stays (EventStoreDB cannot undo it);
 * an operator decides the compensation. Retrying the command id answers this error again.
 */
export class IncompleteAppendError extends Error {
  constructor(
    readonly commandId: string | undefined,
    readonly written: readonly string[],
    readonly refused: ConcurrencyError,
  ) {
    super(
      `Append ${commandId === undefined ? '' : `of command ${commandId} `}is incomplete: ` +
        `${written.join(', ')} written, but ${refused.message}`,
      { cause: refused },
    );
    this.name = 'IncompleteAppendError';
  }
}

/**
 * The client's errors are duck-typed on their `type`, like the SQLite adapter's codes: the checks
 * must hold for any copy of the client's classes, and for the simulated client of the unit tests.
 */
function errorType(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  return typeof error.type === 'string' ? error.type : undefined;
}

/** The message of any thrown value, whichever realm its class comes from. */
function messageOf(error: unknown): string {
  if (
    typeof error === 'object' &&
    error !== null &&
    'message' in error &&
    typeof error.message === 'string'
  ) {
    return error.message;
  }
  return String(error);
}

function numberField(error: unknown, field: string): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value: unknown = (error as Record<string, unknown>)[field];
  return typeof value === 'number' ? value : undefined;
}

export function isWrongExpectedVersion(
  error: unknown,
): error is { streamName: string; actualVersion: bigint | 'no_stream' } {
  return errorType(error) === 'wrong-expected-version';
}

export function isStreamNotFound(error: unknown): boolean {
  return errorType(error) === 'stream-not-found';
}

/** The port's error for a refused expected revision: the caller's expectation, the stream's actual revision. */
export function toConcurrencyError(
  error: { streamName: string; actualVersion: bigint | 'no_stream' },
  expected: ExpectedRevision,
): ConcurrencyError {
  return new ConcurrencyError(error.streamName, expected, fromEsdbRevision(error.actualVersion));
}

/**
 * True for failures to reach the server: the client's `UnavailableError` and deadline errors, the
 * raw gRPC errors some calls reject with (appends do), and cluster discovery giving up.
 */
export function isUnavailable(error: unknown): boolean {
  const type = errorType(error);
  if (type !== undefined) return UNAVAILABLE_TYPES.includes(type);
  if (typeof error !== 'object' || error === null) return false;
  if ('code' in error && (error.code === GRPC_UNAVAILABLE || error.code === GRPC_DEADLINE_EXCEEDED))
    return true;
  return messageOf(error).startsWith('Failed to discover');
}

/**
 * Unreachable-server errors become the port's error naming the server; an append over the server's
 * size limit says which setting governs it; anything else passes through unchanged.
 */
export function translateError(server: string, error: unknown): unknown {
  if (isUnavailable(error)) {
    return new EventStoreUnavailableError(`EventStoreDB at ${server} is unavailable: ${messageOf(error)}`, {
      cause: error,
    });
  }
  if (errorType(error) === 'maximum-append-size-exceeded') {
    const limit = numberField(error, 'maxAppendSize');
    return new Error(
      `EventStoreDB at ${server} refused an append above its maximum append size` +
        `${limit === undefined ? '' : ` of ${limit} bytes`}: ` +
        "raise the server's MaxAppendSize (EVENTSTORE_MAX_APPEND_SIZE) or append fewer events at once",
      { cause: error },
    );
  }
  return error;
}

/** The connection string without credentials or options: what an operator needs to find the server. */
export function serverName(connectionString: string): string {
  return connectionString.replace(/\/\/[^@/?]*@/, '//').replace(/\?.*$/, '');
}
