import type { Migration, Transaction } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store';
import type { SyncStatements } from '@ledger/read-store';

/**
 * Applies events one after another inside one synchronous transaction on an embedded (SQLite) read
 * store: a rebuild's shadow, or the live store through `ReadStore.synchronously`. It may keep rows in
 * memory while the batch lasts and write them in `flush`.
 */
export interface BatchApplier {
  /** Applies one event (of the projection's types); throws where `handle` would throw. */
  apply(event: RecordedEvent): void;
  /** Writes what `apply` kept back; called once, after the last event, before the checkpoint moves. */
  flush(): void;
}

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
  /**
   * The fast path on SQLite (optional), for rebuilds and the live runner alike: a new applier for
   * each batch's transaction, on the store's own connection. It must leave exactly the rows, and
   * throw at exactly the events,
   * that `handle` would (the projections' batch specs compare the two on a generated ledger).
   */
  readonly sqliteBatch?: (sql: SyncStatements) => BatchApplier;
}
