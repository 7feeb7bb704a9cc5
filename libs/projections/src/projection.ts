import type { Migration, Transaction } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store';

/**
 * A projection is a value: a name, a version, the event types it handles, the migrations that create
 * its tables, and a handler that applies one event inside the runner's transaction (the same
 * transaction that moves the projection's checkpoint, so an event is applied exactly once).
 *
 * @example
 * export const grantRegister: Projection<GrantRegisterTables> = {
 *   name: 'grant-register', version: 1, eventTypes: ['GrantAwarded', ...],
 *   migrations: { 'grant-register-0001': { up: async (db) => { ... } } },
 *   handle: async (trx, event) => { ... },
 * };
 */
export interface Projection<DB = unknown> {
  /** Unique among projections; duplicates fail at start-up. */
  readonly name: string;
  /** Bumped when the handler's meaning changes: the projection is then rebuilt. */
  readonly version: number;
  readonly eventTypes: readonly string[];
  /** Keyed by a name that starts with the projection's name, so names never collide. */
  readonly migrations: Readonly<Record<string, Migration>>;
  readonly handle: (trx: Transaction<DB>, event: RecordedEvent) => Promise<void>;
  /**
   * Event types on which the handler removes data from rows written earlier (a forgotten person's,
   * SPEC §6). After a batch holding one commits, the runner has the read store wipe what the old
   * rows left in its files (`ReadStore.wipeResidue`), so the data is gone from the disk as well.
   */
  readonly scrubsOn?: readonly string[];
}
