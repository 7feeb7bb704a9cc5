import {
  ConcurrencyError,
  EventStoreUnavailableError,
  IdempotencyKeyReusedError,
  IncompleteAppendError,
  storageFaultOf,
} from '@ledger/event-store';
import { DomainError } from '@ledger/ledger-domain';

/**
 * The code a failed command is counted under in the metrics: the one its problem+json carries
 * (see ProblemDetailsFilter). A conflict is counted as `STREAM.CONFLICT` whether the client sent
 * If-Match (412) or not (409).
 */
export function commandErrorCode(error: unknown): string {
  if (error instanceof DomainError) return error.code;
  if (error instanceof ConcurrencyError) return 'STREAM.CONFLICT';
  if (error instanceof IdempotencyKeyReusedError) return 'IDEMPOTENCY.KEY_REUSED';
  const fault = storageFaultOf(error);
  if (fault !== undefined) return fault === 'full' ? 'STORE.DISK_FULL' : 'STORE.READ_ONLY';
  if (error instanceof EventStoreUnavailableError) return 'STORE.UNAVAILABLE';
  if (error instanceof IncompleteAppendError) return 'STORE.INCOMPLETE_APPEND';
  return 'INTERNAL';
}
