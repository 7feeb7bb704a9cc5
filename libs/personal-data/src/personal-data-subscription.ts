import type { EventSubscription, RecordedEvent } from '@ledger/event-store';
import { type PersonalFields, decryptBatch, encryptedPersonIds } from './personal-fields.js';
import type { PersonalKeyStore } from './personal-key-store.js';

/**
 * A subscription whose batches have their personal fields opened (or shown erased), with the keys
 * looked up once per batch. When a field cannot be read, the events before it are delivered first
 * and then the iteration throws: a projection stops exactly at that event.
 */
export class PersonalDataSubscription implements EventSubscription {
  constructor(
    private readonly inner: EventSubscription,
    private readonly keys: PersonalKeyStore,
    private readonly fields: PersonalFields,
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<readonly RecordedEvent[], void, undefined> {
    try {
      for await (const batch of this.inner) {
        const personIds = encryptedPersonIds(this.fields, batch);
        const keys = personIds.length === 0 ? new Map() : await this.keys.getKeys(personIds);
        const { events, error } = decryptBatch(this.fields, batch, keys);
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
