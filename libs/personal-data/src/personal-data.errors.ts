import type { RecordedEvent } from '@ledger/event-store';

/**
 * A stored personal field that can be neither decrypted nor shown as erased: its person has no key
 * and no tombstone (a key store that is not this log's), or the ciphertext does not open with the
 * key. Names the event so it can be found; a projection stops exactly there.
 */
export class PersonalDataUnreadableError extends Error {
  constructor(
    readonly event: Pick<RecordedEvent, 'eventId' | 'stream' | 'globalPosition' | 'type'>,
    readonly personId: string,
    reason: string,
  ) {
    super(
      `Personal data of person ${personId} in event ${event.eventId} (${event.type}, stream ${event.stream}, position ${event.globalPosition}) cannot be read: ${reason}`,
    );
    this.name = 'PersonalDataUnreadableError';
  }
}

/** An append whose personal field has no usable person id, or is not personal data as written. */
export class PersonalDataShapeError extends Error {
  override readonly name = 'PersonalDataShapeError';
}
