import type { LedgerConfig } from '@ledger/config';
import { type EventStore, openSqliteEventStore } from '@ledger/event-store';
import type { LedgerReadModels } from '@ledger/projections';
import { openSqliteReadStore, type ReadStore } from '@ledger/read-store';

export interface LedgerStores {
  readonly events: EventStore;
  readonly readStore: ReadStore<LedgerReadModels>;
  close(): Promise<void>;
}

/** Opens the event log and the read store the configuration names, for a command that needs both. */
export function openLedgerStores(config: LedgerConfig): LedgerStores {
  if (config.eventStore.kind !== 'sqlite') {
    throw new Error('LEDGER_EVENT_STORE=eventstoredb is not available in this version of the ledger');
  }
  if (config.readStore.kind !== 'sqlite') {
    throw new Error('LEDGER_READ_STORE=postgres is not available in this version of the ledger');
  }
  const events = openSqliteEventStore({ file: config.eventStore.file });
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
