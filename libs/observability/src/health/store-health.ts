import type { HealthIndicatorFunction, HealthIndicatorService } from '@nestjs/terminus';
import { type Kysely, sql } from 'kysely';
import type { EventStore } from '@ledger/event-store';

export interface StoreCheckOptions {
  /** The name the check has in terminus' answer. */
  readonly key?: string;
  /** A store that does not answer within this is down. 2 000 ms by default. */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 2_000;

/**
 * The event store answers: its head position comes back within the timeout.
 *
 * @example
 * await health.check([eventStoreReachable(indicators, eventStore)]);
 * // { status: 'ok', details: { 'event-store': { status: 'up', responseTime: 1 } }, ... }
 */
export function eventStoreReachable(
  indicators: HealthIndicatorService,
  store: Pick<EventStore, 'headPosition'>,
  options: StoreCheckOptions = {},
): HealthIndicatorFunction {
  const { key = 'event-store', timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  return () =>
    indicators
      .check(key)
      .attempt(async () => {
        await store.headPosition();
      })
      .withTimeout(timeoutMs);
}

/**
 * The read store answers `select 1` within the timeout (through the ReadStore's Kysely, whichever
 * the dialect).
 *
 * @example
 * await health.check([readStoreReachable(indicators, readStore)]);
 */
export function readStoreReachable<DB>(
  indicators: HealthIndicatorService,
  readStore: { readonly db: Kysely<DB> },
  options: StoreCheckOptions = {},
): HealthIndicatorFunction {
  const { key = 'read-store', timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  return () =>
    indicators
      .check(key)
      .attempt(async () => {
        await sql`select 1`.execute(readStore.db);
      })
      .withTimeout(timeoutMs);
}
