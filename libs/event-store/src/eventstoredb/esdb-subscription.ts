import type { AllStreamResolvedEvent, Position as EsdbPosition } from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../errors.js';
import type { EventSubscription, RecordedEvent } from '../port.js';
import type { EsdbSubscriptionStream } from './esdb-client.js';
import { isLedgerEvent } from './esdb-categories.js';
import { toRecordedEvent } from './esdb-envelope.js';
import { compareEsdbPositions } from './esdb-positions.js';

export interface EsdbSubscriptionOptions {
  /** Exclusive: events at or before it are dropped, whatever the server sends. */
  readonly after: EsdbPosition | undefined;
  readonly batchSize: number;
  readonly categories: readonly string[];
  /** Turns a driver error into the port's (an unreachable server names the server). */
  readonly translate: (error: unknown) => unknown;
  readonly onClose: (subscription: EsdbSubscription) => void;
}

/**
 * A catch-up subscription to `$all` (server-side filtered to the ledger's categories), delivered in
 * batches: each batch is what has arrived since the last one, at most `batchSize` events, in log
 * order. The server stream is paused while the consumer is two batches behind, so a slow consumer
 * holds the server back instead of filling memory.
 */
export class EsdbSubscription implements EventSubscription {
  private readonly queue: RecordedEvent[] = [];
  private failure: { readonly error: unknown } | undefined;
  private ended = false;
  private closed = false;
  private paused = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly stream: EsdbSubscriptionStream,
    private readonly options: EsdbSubscriptionOptions,
  ) {
    stream.on('data', (resolved) => this.receive(resolved));
    stream.on('error', (error) => this.fail(error));
    stream.on('end', () => {
      this.ended = true;
      this.notify();
    });
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<readonly RecordedEvent[], void, undefined> {
    try {
      while (!this.closed) {
        if (this.queue.length > 0) {
          yield this.take();
          continue;
        }
        if (this.failure !== undefined) throw this.options.translate(this.failure.error);
        if (this.ended)
          throw new EventStoreUnavailableError('The EventStoreDB subscription was ended by the server');
        await this.idle();
      }
    } finally {
      // A consumer that breaks out of `for await` has finished with the subscription.
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.notify();
    this.options.onClose(this);
    // Cancelling a call whose connection already failed has nothing left to clean up.
    await this.stream.unsubscribe().catch(() => undefined);
  }

  private receive(resolved: AllStreamResolvedEvent): void {
    const event = resolved.event;
    if (this.closed || this.failure !== undefined || event === undefined) return;
    const { after, categories } = this.options;
    if (after !== undefined && compareEsdbPositions(event.position, after) <= 0) return;
    if (!isLedgerEvent(event, categories)) return;
    try {
      this.queue.push(toRecordedEvent(event));
    } catch (error) {
      // An unreadable event stops delivery at that event: what follows it is never skipped to.
      this.fail(error);
      return;
    }
    if (this.queue.length >= this.options.batchSize * 2 && !this.paused) {
      this.paused = true;
      this.stream.pause();
    }
    this.notify();
  }

  private take(): RecordedEvent[] {
    const batch = this.queue.splice(0, this.options.batchSize);
    if (this.paused && this.queue.length < this.options.batchSize) {
      this.paused = false;
      this.stream.resume();
    }
    return batch;
  }

  private fail(error: unknown): void {
    this.failure ??= { error };
    this.stream.pause();
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }
}
