import type { LedgerConfig } from '@ledger/config';
import { type EventStore, openSqliteEventStore, UpcastingEventStore } from '@ledger/event-store';
import { LEDGER_UPCASTER_CHAIN } from '@ledger/ledger-domain';
import type { LedgerReadModels } from '@ledger/projections';
import { openSqliteReadStore, type ReadStore } from '@ledger/read-store';

export interface LedgerStores {
  readonly events: EventStore;
  readonly readStore: ReadStore<LedgerReadModels>;
  close(): Promise<void>;
}

/**
 * Opens the event log (read through the ledger's upcasters, as the api reads it) and the read store
 * the configuration names, for a command that needs both.
 */
export function openLedgerStores(config: LedgerConfig): LedgerStores {
  if (config.eventStore.kind !== 'sqlite') {
    throw new Error('LEDGER_EVENT_STORE=eventstoredb is not available in this version of the ledger');
  }
  if (config.readStore.kind !== 'sqlite') {
    throw new Error('LEDGER_READ_STORE=postgres is not available in this version of the ledger');
  }
  const events = new UpcastingEventStore(
    openSqliteEventStore({ file: config.eventStore.file }),
    LEDGER_UPCASTER_CHAIN,
  );
  const readStore = openSqliteReadStore<LedgerReadModels>({ file: config.readStore.file });
  return {
    events,
    readStore,
    close: async () => {
      await readStore.close();
      await events.close();
    },
  };
}
