import type { LedgerConfig } from '@ledger/config';
import type { EventStore } from '@ledger/event-store';
import { openEventStore } from '@ledger/stores';

/**
 * The read store file the configuration names: a rebuild builds beside it and switches into it.
 * `what` (replay, status) names the command that needs the embedded store, for the refusal.
 */
export function readStoreFileOf(config: LedgerConfig, what = 'this command'): string {
  if (config.readStore.kind !== 'sqlite') {
    throw new Error(
      `${what} works on the embedded read store; with LEDGER_READ_STORE=postgres use ` +
        "`projections rebuild` (zero downtime) and the api's GET /projections for status",
    );
  }
  return config.readStore.file;
}

/** Runs `work` with the event log open (read through the upcasters, as projections expect), and closes it whatever happens. */
export async function withEventStore<T>(
  config: LedgerConfig,
  work: (events: EventStore) => Promise<T>,
): Promise<T> {
  const events = openEventStore(config);
  try {
    return await work(events);
  } finally {
    await events.close();
  }
}
