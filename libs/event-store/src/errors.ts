import type { ExpectedRevision } from './port.js';

/** An append's expected revision did not hold. Nothing was written. */
export class ConcurrencyError extends Error {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: number,
  ) {
    super(`Stream ${stream} is at revision ${actual}, expected ${String(expected)}`);
    this.name = 'ConcurrencyError';
  }
}

/**
 * An If-Match of `*` met a stream that does not exist (RFC 9110 §13.1.1): the precondition failed
 * as a stale revision does, and nothing was written.
 */
export class StreamMissingError extends ConcurrencyError {
  constructor(stream: string) {
    super(stream, 'any', -1);
    this.name = 'StreamMissingError';
  }
}

/** The same command id was sent again with a different command. Nothing was written. */
export class IdempotencyKeyReusedError extends Error {
  constructor(readonly commandId: string) {
    super(`Command id ${commandId} was already used for a different command`);
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** The store cannot be used: its file is unreadable, read-only or full. */
export class EventStoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreUnavailableError';
  }
}
