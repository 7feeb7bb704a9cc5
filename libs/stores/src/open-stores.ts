import type { LedgerConfig } from '@ledger/config';
import {
  type EventStore,
  openEventStoreDbEventStore,
  openSqliteEventStore,
  UpcastingEventStore,
} from '@ledger/event-store';
import { CATEGORIES, LEDGER_UPCASTER_CHAIN } from '@ledger/ledger-domain';
import {
  openPostgresKeyStore,
  openSqliteKeyStore,
  PersonalDataEventStore,
  type PersonalKeyStore,
} from '@ledger/personal-data';
import {
  type Leases,
  openAdvisoryLeases,
  openPostgresReadStore,
  openSqliteReadStore,
  type ReadStore,
} from '@ledger/read-store';

/**
 * The event log the configuration names (the embedded file or EventStoreDB), as the ledger reads and
 * writes it: personal data sealed per person on the way in and opened (or shown erased) on the way
 * out, then upcast, so old events arrive in the current schema and are never rewritten
 * (`upcasting(personal data(raw))`). Without `keys`, it opens the configured key store and closes it
 * with itself; with them, the caller keeps them (to forget someone with the same store).
 *
 * @example
 * const events = openEventStore(loadConfig());
 */
export function openEventStore(config: LedgerConfig, keys?: PersonalKeyStore): EventStore {
  return openLedgerEventStores(config, keys).events;
}

/** The event store `openEventStore` opens, and the personal-data layer inside it. */
export interface LedgerEventStores {
  readonly events: EventStore;
  /** To settle the key claims a crashed process left (`reconcileKeyClaims`). */
  readonly personalData: PersonalDataEventStore;
}

/**
 * `openEventStore`, with its personal-data layer in reach, for the processes that reconcile key
 * claims when they start (ADR 0020).
 *
 * @example
 * const { events, personalData } = openLedgerEventStores(config, keys);
 * await personalData.reconcileKeyClaims({ olderThanMs: config.keyClaimGraceSeconds * 1000 });
 */
export function openLedgerEventStores(config: LedgerConfig, keys?: PersonalKeyStore): LedgerEventStores {
  const personalData = new PersonalDataEventStore(openRawEventStore(config), keys ?? openKeyStore(config), {
    closesKeys: keys === undefined,
  });
  return { events: new UpcastingEventStore(personalData, LEDGER_UPCASTER_CHAIN), personalData };
}

/** The key store the configuration names: its own SQLite file, or its own PostgreSQL schema. */
export function openKeyStore(config: LedgerConfig): PersonalKeyStore {
  const { keyStore } = config;
  if (keyStore.kind === 'sqlite') return openSqliteKeyStore({ file: keyStore.file });
  return openPostgresKeyStore({ connectionString: keyStore.url, schema: keyStore.schema });
}

/**
 * The log as stored, without upcasting and with personal data still sealed: for tools that copy or
 * verify events as they are (the hash chain covers the sealed form).
 */
export function openRawEventStore(config: LedgerConfig): EventStore {
  const { eventStore } = config;
  if (eventStore.kind === 'sqlite') return openSqliteEventStore({ file: eventStore.file });
  return openEventStoreDb(eventStore.url);
}

/**
 * Streams whose expected revision serialises racing commands (ADR 0002): the adapter writes them
 * first, so the write the server checks comes before anything else of the command (ADR 0007).
 */
const CONSISTENCY_BOUNDARIES = ['programme', 'introduction'] as const;

function openEventStoreDb(url: string): EventStore {
  return openEventStoreDbEventStore({
    connectionString: url,
    categories: CATEGORIES,
    consistencyBoundaries: CONSISTENCY_BOUNDARIES,
  });
}

/** The read store the configuration names: the embedded SQLite file, or a PostgreSQL schema. */
export function openReadStore<DB>(config: LedgerConfig): ReadStore<DB> {
  const { readStore } = config;
  if (readStore.kind === 'sqlite') return openSqliteReadStore<DB>({ file: readStore.file });
  return openPostgresReadStore<DB>({ connectionString: readStore.url, schema: readStore.schema });
}

/**
 * Leases that keep each projection single-active among the processes sharing a PostgreSQL read
 * store; undefined for the embedded store, which one process projects into.
 */
export function openProjectionLeases(config: LedgerConfig): Leases | undefined {
  const { readStore } = config;
  if (readStore.kind !== 'postgres') return undefined;
  return openAdvisoryLeases({ connectionString: readStore.url, scope: readStore.schema });
}
