import type { EventSubscription, RecordedEvent } from './port.js';

/** What a batch became: the events readable in order, and the error of the first that was not. */
export interface MappedBatch {
  readonly events: readonly RecordedEvent[];
  readonly error?: Error;
}

/**
 * A subscription whose batches pass through `map` (upcasting, decryption). When an event cannot be
 * read, the events before it are delivered first and then the iteration throws: a projection stops
 * exactly at that event, with the events before it applied, as it would on a handler that throws.
 *
 * @example
 * new MappedSubscription(store.subscribe(), (batch) => upcastBatch(chain, batch));
 */
export class MappedSubscription implements EventSubscription {
  constructor(
    private readonly inner: EventSubscription,
    private readonly map: (batch: readonly RecordedEvent[]) => MappedBatch | Promise<MappedBatch>,
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<readonly RecordedEvent[], void, undefined> {
    try {
      for await (const batch of this.inner) {
        const { events, error } = await this.map(batch);
        if (events.length > 0) yield events;
        if (error !== undefined) throw error;
      }
    } finally {
      // A consumer that stops (break, throw) has finished with the subscription underneath too.
      await this.inner.close();
    }
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
