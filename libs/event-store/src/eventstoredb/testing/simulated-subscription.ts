// The point of this file: the simulated server's catch-up subscriptions, pausable as the client's are.
import { EventEmitter } from 'node:events';
import type { AllStreamJSONRecordedEvent, AllStreamResolvedEvent } from '@eventstore/db-client';
import type { EsdbSubscriptionStream } from '../esdb-client.js';

export type Stored = AllStreamJSONRecordedEvent;

/** A catch-up subscription: events after the start, then new ones, until unsubscribed; pausable. */
export class SimulatedSubscription extends EventEmitter implements EsdbSubscriptionStream {
  private paused = false;
  private closed = false;
  private scheduled = false;

  constructor(
    private readonly log: readonly Stored[],
    private next: number,
    private readonly prefixes: readonly string[] | undefined,
    private readonly onClose: (subscription: SimulatedSubscription) => void,
  ) {
    super();
  }

  pause(): this {
    this.paused = true;
    return this;
  }

  resume(): this {
    this.paused = false;
    this.wake();
    return this;
  }

  unsubscribe(): Promise<void> {
    this.closed = true;
    this.onClose(this);
    return Promise.resolve();
  }

  wake(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (!this.paused && !this.closed && this.next < this.log.length) {
      const event = this.log[this.next];
      this.next += 1;
      if (event !== undefined && this.matches(event.streamId)) {
        this.emit('data', { event, commitPosition: event.position.commit } satisfies AllStreamResolvedEvent);
      }
    }
  }

  private matches(stream: string): boolean {
    return this.prefixes === undefined || this.prefixes.some((prefix) => stream.startsWith(prefix));
  }
}
