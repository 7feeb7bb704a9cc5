import type { UpcasterChain } from '@ledger/ledger-domain';
import type { EventSubscription, RecordedEvent } from '../port.js';
import { upcastBatch } from './upcast-recorded-event.js';

/**
 * A subscription whose batches are upcast. When an event cannot be read, the events before it are
 * delivered first and then the iteration throws: a projection stops exactly at the unreadable
 * event, with the events before it applied, as it would on a handler that throws.
 */
export class UpcastingSubscription implements EventSubscription {
  constructor(
    private readonly inner: EventSubscription,
    private readonly chain: UpcasterChain,
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<readonly RecordedEvent[], void, undefined> {
    try {
      for await (const batch of this.inner) {
        const { events, error } = upcastBatch(this.chain, batch);
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
