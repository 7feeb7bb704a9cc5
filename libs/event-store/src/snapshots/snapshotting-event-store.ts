import { type Decider, fold } from '@ledger/ledger-domain';
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

interface Snapshot {
  readonly decider: unknown;
  readonly revision: number;
  readonly state: unknown;
}

const DEFAULT_MAX_STREAMS = 10_000;

/**
 * An event store that remembers each stream's folded state, so that `aggregateStream` reads and
 * folds only the events appended since, not the whole stream again. Without it, a command on a
 * programme with n awards reads and folds n events, which makes loading n awards cost n² folds.
 *
 * It is never stale: every fold still reads the stream's tail from the store, and a stream's events
 * up to a revision never change (the log is append-only; upcasting is a pure function of the event).
 * Used by every process that sends commands: the api, and the CLI's 360Giving import. It holds no
 * personal data: no decider's state keeps a contact person's name or email.
 *
 * @example
 * const events = new SnapshottingEventStore(openEventStore(config));
 * await aggregateStream(events, 'programme-p1', programmeDecider); // reads the tail only, from the second time
 */
export class SnapshottingEventStore implements EventStore {
  private readonly snapshots = new Map<string, Snapshot>();

  constructor(
    private readonly inner: EventStore,
    private readonly maxStreams = DEFAULT_MAX_STREAMS,
  ) {}

  /** The stream folded with `decider` as it stands now, and the revision it was read at. */
  async aggregate<State, Command, Event>(
    stream: string,
    decider: Decider<State, Command, Event>,
  ): Promise<{ state: State; revision: number }> {
    const known = this.snapshots.get(stream);
    const from = known?.decider === decider ? known : undefined;
    const fromRevision = from ? from.revision + 1 : 0;
    const read = await this.inner.readStream(stream, { fromRevision });
    const first = read.events[0];
    if (from && first !== undefined && first.streamRevision !== fromRevision) {
      throw new Error(`Stream ${stream} read from revision ${fromRevision} began at ${first.streamRevision}`);
    }
    const events = read.events.map((e) => ({ type: e.type, data: e.data }) as Event);
    const state = from ? events.reduce(decider.evolve, from.state as State) : fold(decider, events);
    this.remember(stream, { decider, revision: read.revision, state });
    return { state, revision: read.revision };
  }

  private remember(stream: string, snapshot: Snapshot): void {
    const known = this.snapshots.get(stream);
    // Two folds of one stream may finish out of order: keep the later revision.
    if (known && known.decider === snapshot.decider && known.revision > snapshot.revision) return;
    this.snapshots.delete(stream);
    this.snapshots.set(stream, snapshot);
    const oldest = this.snapshots.keys().next();
    if (this.snapshots.size > this.maxStreams && !oldest.done) this.snapshots.delete(oldest.value);
  }

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

  readStream(
    stream: string,
    options?: { fromRevision?: number; maxCount?: number },
  ): Promise<ReadStreamResult> {
    return this.inner.readStream(stream, options);
  }

  readAll(options?: ReadAllOptions): Promise<readonly RecordedEvent[]> {
    return this.inner.readAll(options);
  }

  subscribe(options?: SubscribeOptions): EventSubscription {
    return this.inner.subscribe(options);
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

  /** Closes the store underneath: the decorator owns it. */
  close(): Promise<void> {
    this.snapshots.clear();
    return this.inner.close();
  }
}
