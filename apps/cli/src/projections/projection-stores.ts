import type { LedgerConfig } from '@ledger/config';
import { type EventStore, openSqliteEventStore } from '@ledger/event-store';

/** The read store file the configuration names: a rebuild builds beside it and switches into it. */
export function readStoreFileOf(config: LedgerConfig): string {
  if (config.readStore.kind !== 'sqlite') {
    throw new Error('LEDGER_READ_STORE=postgres is not available in this version of the ledger');
  }
  return config.readStore.file;
}

/** Runs `work` with the event log open, and closes it whatever happens. */
export async function withEventStore<T>(
  config: LedgerConfig,
  work: (events: EventStore) => Promise<T>,
): Promise<T> {
  if (config.eventStore.kind !== 'sqlite') {
    throw new Error('LEDGER_EVENT_STORE=eventstoredb is not available in this version of the ledger');
  }
  const events = openSqliteEventStore({ file: config.eventStore.file });
  try {
    return await work(events);
  } finally {
    await events.close();
  }
}
