import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** The request header a caller sets to tie its requests together; echoed on every response. */
export const CORRELATION_ID_HEADER = 'X-Correlation-Id';

/**
 * What a caller may send as a correlation id: it ends up in log lines and in event metadata, so
 * anything longer or with other characters is replaced, never copied.
 */
const SANE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,200}$/;

const storage = new AsyncLocalStorage<string>();

export function isSaneCorrelationId(value: unknown): value is string {
  return typeof value === 'string' && SANE_CORRELATION_ID.test(value);
}

/** The caller's correlation id when it is a sane one, else a new UUID. */
export function correlationIdFrom(header: string | readonly string[] | undefined): string {
  return isSaneCorrelationId(header) ? header : randomUUID();
}

/**
 * Runs `work` with a correlation id that every log line written during it carries, across awaits.
 *
 * @example
 * await withCorrelationId('nightly-import-2024-05-01', () => importGrants(file));
 */
export function withCorrelationId<T>(correlationId: string, work: () => T): T {
  return storage.run(correlationId, work);
}

/** The correlation id of the work in progress, if any. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore();
}
