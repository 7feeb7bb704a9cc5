import type { LedgerConfig } from '@ledger/config';
import type { EventStore } from '@ledger/event-store';
import type { LedgerReadModels } from '@ledger/projections';
import type { ReadStore } from '@ledger/read-store';
import { openEventStore, openReadStore } from '@ledger/stores';

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
  const events = openEventStore(config);
  const readStore = openReadStore<LedgerReadModels>(config);
  return {
    events,
    readStore,
    close: async () => {
      await readStore.close();
      await events.close();
    },
  };
}
