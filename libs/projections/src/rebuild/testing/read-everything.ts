import type { EventStore, RecordedEvent } from '@ledger/event-store';

/** Every event in the log, in order. */
export async function readEverything(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const batch = await store.readAll({ after: events.at(-1)?.globalPosition, maxCount: 5000 });
    if (batch.length === 0) return events;
    events.push(...batch);
  }
}
