import type { UpcasterChain } from '@ledger/ledger-domain';
import type { RecordedEvent } from '../port.js';

/** A stored event no upcaster can bring to the current schema; names the event so it can be found. */
export class UnreadableEventError extends Error {
  constructor(
    readonly event: Pick<RecordedEvent, 'eventId' | 'stream' | 'globalPosition' | 'type' | 'schemaVersion'>,
    cause: unknown,
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      `Event ${event.eventId} (${event.type} v${event.schemaVersion}, stream ${event.stream}, position ${event.globalPosition}) cannot be read: ${why}`,
      { cause },
    );
    this.name = 'UnreadableEventError';
  }
}

/** The event with its data in the current schema; the same object when it already is current. */
export function upcastRecordedEvent(chain: UpcasterChain, event: RecordedEvent): RecordedEvent {
  let upcast: ReturnType<UpcasterChain['upcast']>;
  try {
    upcast = chain.upcast(event.type, event.schemaVersion, event.data);
  } catch (error) {
    throw new UnreadableEventError(event, error);
  }
  if (upcast.schemaVersion === event.schemaVersion && upcast.data === event.data) return event;
  return { ...event, schemaVersion: upcast.schemaVersion, data: upcast.data };
}

/**
 * Upcasts a batch up to the first event that cannot be read: the readable prefix, and the error of
 * the event after it, so a consumer can apply what it can and then stop exactly there.
 */
export function upcastBatch(
  chain: UpcasterChain,
  batch: readonly RecordedEvent[],
): { readonly events: readonly RecordedEvent[]; readonly error?: UnreadableEventError } {
  const events: RecordedEvent[] = [];
  for (const event of batch) {
    try {
      events.push(upcastRecordedEvent(chain, event));
    } catch (error) {
      if (!(error instanceof UnreadableEventError)) throw error;
      return { events, error };
    }
  }
  return { events };
}
