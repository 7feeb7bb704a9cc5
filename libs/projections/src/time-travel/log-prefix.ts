import type {
  AppendResult,
  EventStore,
  EventSubscription,
  Position,
  ReadAllOptions,
  ReadStreamResult,
  RecordedEvent,
  SubscribeOptions,
} from '@ledger/event-store';

const DEFAULT_PAGE_SIZE = 1000;

/**
 * The log as it stood at `asAt`, read-only: every read path stops after the last event at or before
 * `asAt`, and a subscription ends there instead of waiting for new events. It is how a projection
 * runner builds read models "as at" a position without knowing it does. `asAt` must not be past
 * the head of the log when read (readModelsAt checks), or a subscription would end too early.
 */
export class LogPrefix implements EventStore {
  private readonly finished: Promise<void>[] = [];

  constructor(
    private readonly log: EventStore,
    readonly asAt: Position | undefined,
  ) {}

  /** Resolves once every subscription opened so far has delivered its last batch, or was closed. */
  async drained(): Promise<void> {
    await Promise.all(this.finished);
  }

  subscribe(options: SubscribeOptions = {}): EventSubscription {
    const { after, batchSize = DEFAULT_PAGE_SIZE } = options;
    const subscription = new PrefixSubscription((cursor) => this.page(cursor, batchSize), after, batchSize);
    this.finished.push(subscription.finished);
    return subscription;
  }

  async readAll(options: ReadAllOptions = {}): Promise<readonly RecordedEvent[]> {
    return this.within(await this.log.readAll(options));
  }

  /** The stream as it stood at `asAt`: its revision then, and its events up to then. */
  async readStream(
    stream: string,
    options: { fromRevision?: number; maxCount?: number } = {},
  ): Promise<ReadStreamResult> {
    const then = this.within((await this.log.readStream(stream)).events);
    const { fromRevision = 0, maxCount = then.length } = options;
    return {
      revision: then.at(-1)?.streamRevision ?? -1,
      events: then.filter((event) => event.streamRevision >= fromRevision).slice(0, maxCount),
    };
  }

  headPosition(): Promise<Position | undefined> {
    return Promise.resolve(this.asAt);
  }

  comparePositions(a: Position, b: Position): number {
    return this.log.comparePositions(a, b);
  }

  parsePosition(text: string): Position | undefined {
    return this.log.parsePosition(text);
  }

  appendToStream(): Promise<AppendResult> {
    return this.readOnly();
  }

  appendMultiple(): Promise<AppendResult> {
    return this.readOnly();
  }

  findCommandResult(): Promise<AppendResult | undefined> {
    return this.readOnly();
  }

  /** The log underneath belongs to the caller: closing the view leaves it open. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  private async page(after: Position | undefined, maxCount: number): Promise<readonly RecordedEvent[]> {
    if (this.asAt === undefined) return [];
    return this.within(await this.log.readAll({ ...(after === undefined ? {} : { after }), maxCount }));
  }

  private within(events: readonly RecordedEvent[]): readonly RecordedEvent[] {
    const { asAt } = this;
    if (asAt === undefined) return [];
    return events.filter((event) => this.log.comparePositions(event.globalPosition, asAt) <= 0);
  }

  private readOnly(): Promise<never> {
    return Promise.reject(new Error('The ledger as at a past position is read-only'));
  }
}

/** Pages through the prefix in position order, then ends: there is nothing new to wait for. */
class PrefixSubscription implements EventSubscription {
  readonly finished: Promise<void>;
  private markFinished: () => void = () => undefined;
  private closed = false;

  constructor(
    private readonly page: (after: Position | undefined) => Promise<readonly RecordedEvent[]>,
    private after: Position | undefined,
    private readonly batchSize: number,
  ) {
    this.finished = new Promise((resolve) => (this.markFinished = resolve));
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<readonly RecordedEvent[], void, undefined> {
    try {
      while (!this.closed) {
        const events = await this.page(this.after);
        const last = events.at(-1);
        if (last !== undefined) {
          this.after = last.globalPosition;
          yield events;
        }
        // A short page means the prefix is used up: its end (asAt) or the head was reached.
        if (events.length < this.batchSize) return;
      }
    } finally {
      this.markFinished();
    }
  }

  close(): Promise<void> {
    this.closed = true;
    this.markFinished();
    return Promise.resolve();
  }
}
