import type { UpcasterChain } from '@ledger/ledger-domain';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventSubscription,
  ExpectedRevision,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadStreamResult,
  RecordedEvent,
  StreamWrite,
  SubscribeOptions,
} from '../port.js';
import { upcastBatch, upcastRecordedEvent } from './upcast-recorded-event.js';
import { MappedSubscription } from '../mapped-subscription.js';

/**
 * An event store seen in the current schema: every read path (readStream, readAll, subscribe)
 * returns events upcast by the chain, with `schemaVersion` set to the current version. Appends and
 * everything else pass through to the store underneath, and stored events are never rewritten:
 * the log stays what was written, the code learns to read it.
 *
 * An event that cannot be upcast (a version newer than the code, a missing step) makes the read
 * throw UnreadableEventError naming the event; a subscription delivers the events before it first.
 *
 * @example
 * const store = new UpcastingEventStore(openSqliteEventStore({ file }), LEDGER_UPCASTER_CHAIN);
 * const { events } = await store.readStream('innovator-i1'); // every event at its current version
 */
export class UpcastingEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly chain: UpcasterChain,
  ) {}

  appendToStream(
    stream: string,
    expectedRevision: ExpectedRevision,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendResult> {
    return this.inner.appendToStream(stream, expectedRevision, events, options);
  }

  appendMultiple(writes: readonly StreamWrite[], options?: AppendOptions): Promise<AppendResult> {
    return this.inner.appendMultiple(writes, options);
  }

  findCommandResult(commandId: string, fingerprint?: string): Promise<AppendResult | undefined> {
    return this.inner.findCommandResult(commandId, fingerprint);
  }

  async readStream(
    stream: string,
    options?: { fromRevision?: number; maxCount?: number },
  ): Promise<ReadStreamResult> {
    const result = await this.inner.readStream(stream, options);
    return { revision: result.revision, events: this.upcastAll(result.events) };
  }

  async readAll(options?: ReadAllOptions): Promise<readonly RecordedEvent[]> {
    return this.upcastAll(await this.inner.readAll(options));
  }

  subscribe(options?: SubscribeOptions): EventSubscription {
    return new MappedSubscription(this.inner.subscribe(options), (batch) => upcastBatch(this.chain, batch));
  }

  headPosition(): Promise<Position | undefined> {
    return this.inner.headPosition();
  }

  comparePositions(a: Position, b: Position): number {
    return this.inner.comparePositions(a, b);
  }

  parsePosition(text: string): Position | undefined {
    return this.inner.parsePosition(text);
  }

  /** Closes the store underneath: the wrapper owns it. */
  close(): Promise<void> {
    return this.inner.close();
  }

  private upcastAll(events: readonly RecordedEvent[]): readonly RecordedEvent[] {
    return events.map((event) => upcastRecordedEvent(this.chain, event));
  }
}
