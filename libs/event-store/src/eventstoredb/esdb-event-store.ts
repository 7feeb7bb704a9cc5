import { START } from '@eventstore/db-client';
import { ConcurrencyError, EventStoreUnavailableError } from '../errors.js';
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
import { categoryFilter, commandStream, validateCategories } from './esdb-categories.js';
import { connectClient, type EsdbClient } from './esdb-client.js';
import { EsdbCommandAppender } from './esdb-command-appender.js';
import { serverName, translateError } from './esdb-errors.js';
import { NO_STREAM_HEAD, type StreamHead } from './esdb-hash-chain.js';
import * as positions from './esdb-positions.js';
import { EsdbReader } from './esdb-reader.js';
import { revisionHolds } from './esdb-revisions.js';
import { EsdbSubscription } from './esdb-subscription.js';
import { appendResult, executionOrder, planWrites, validateWrites } from './esdb-write-plan.js';
import { EsdbWriter } from './esdb-writer.js';

export { IncompleteAppendError } from './esdb-errors.js';

export interface EventStoreDbOptions {
  /** e.g. `esdb://localhost:2113?tls=false`; credentials in it never appear in error messages. */
  readonly connectionString: string;
  /**
   * The ledger's stream categories (`<category>-<id>`); the api passes the domain's `CATEGORIES`.
   * Reads of the whole log and subscriptions see these streams only, and appends to others are refused.
   */
  readonly categories: readonly string[];
  /**
   * Categories whose streams a multi-stream append writes first, in this order: the consistency
   * boundaries of ADR 0002 (`['programme', 'introduction']`). See ADR 0007.
   */
  readonly consistencyBoundaries?: readonly string[];
}

const DEFAULT_READ_ALL_COUNT = 1000;
const DEFAULT_BATCH_SIZE = 500;

/**
 * The event store on EventStoreDB 22.6+ (ADR 0007). Streams and their revisions are the server's;
 * idempotency and multi-stream appends are recorded in one `ledger_command-<id>` stream per command.
 *
 * @example
 * const store = openEventStoreDbEventStore({
 *   connectionString: 'esdb://localhost:2113?tls=false',
 *   categories: CATEGORIES,
 *   consistencyBoundaries: ['programme', 'introduction'],
 * });
 * await store.appendToStream('grant-42', 'no-stream', [grantAwarded], { commandId, fingerprint });
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly reader: EsdbReader;
  private readonly writer: EsdbWriter;
  private readonly commands: EsdbCommandAppender;
  private readonly subscriptions = new Set<EsdbSubscription>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private closing: Promise<void> | undefined;

  constructor(
    private readonly client: EsdbClient,
    /** The server as error messages name it: the connection string without credentials. */
    readonly server: string,
    private readonly categories: readonly string[],
    private readonly leading: readonly string[] = [],
  ) {
    this.reader = new EsdbReader(client, categories);
    this.writer = new EsdbWriter(client, this.reader);
    this.commands = new EsdbCommandAppender({
      reader: this.reader,
      writer: this.writer,
      observeHeads: (writes) => this.observeHeads(writes),
      leading,
    });
  }

  appendToStream(
    stream: string,
    expectedRevision: ExpectedRevision,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendResult> {
    return this.appendMultiple([{ stream, expectedRevision, events }], options);
  }

  appendMultiple(writes: readonly StreamWrite[], options: AppendOptions = {}): Promise<AppendResult> {
    return this.run(() => {
      validateWrites(writes, this.categories);
      const { commandId, fingerprint } = options;
      if (commandId !== undefined) return this.commands.append(writes, commandId, fingerprint);
      return this.appendWithoutCommand(writes);
    });
  }

  findCommandResult(commandId: string, fingerprint?: string): Promise<AppendResult | undefined> {
    return this.run(() => this.commands.find(commandId, fingerprint));
  }

  readStream(
    stream: string,
    options: { fromRevision?: number; maxCount?: number } = {},
  ): Promise<ReadStreamResult> {
    const { fromRevision = 0, maxCount } = options;
    return this.run(() =>
      this.reader.stream(
        stream,
        count('fromRevision', fromRevision, 0),
        maxCount === undefined ? undefined : count('maxCount', maxCount, 0),
      ),
    );
  }

  readAll(options: ReadAllOptions = {}): Promise<readonly RecordedEvent[]> {
    const { after, maxCount = DEFAULT_READ_ALL_COUNT } = options;
    return this.run(() => this.reader.after(after, count('maxCount', maxCount, 0)));
  }

  subscribe(options: SubscribeOptions = {}): EventSubscription {
    this.assertOpen();
    const { after, batchSize = DEFAULT_BATCH_SIZE } = options;
    const from = after === undefined ? undefined : positions.decodePosition(after);
    const stream = this.client.subscribeToAll({
      fromPosition: from ?? START,
      filter: categoryFilter(this.categories),
    });
    const subscription = new EsdbSubscription(stream, {
      after: from,
      batchSize: count('batchSize', batchSize, 1),
      categories: this.categories,
      translate: (error) => translateError(this.server, error),
      onClose: (closed) => this.subscriptions.delete(closed),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  headPosition(): Promise<Position | undefined> {
    return this.run(() => this.reader.head());
  }

  comparePositions(a: Position, b: Position): number {
    return positions.comparePositions(a, b);
  }

  parsePosition(text: string): Position | undefined {
    return positions.parsePosition(text);
  }

  /** Resolves once the server answers a read; EventStoreUnavailableError naming it otherwise. For health checks. */
  checkConnection(): Promise<void> {
    return this.run(async () => {
      await this.reader.revision(commandStream('connection-check'));
    });
  }

  /** Lets calls in flight finish, ends subscriptions, then disposes the client. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  /**
   * Appends without a command id: every stream's head is observed up front (its hash is what the
   * write chains to), and checked when several streams are written; no record kept.
   */
  private async appendWithoutCommand(writes: readonly StreamWrite[]): Promise<AppendResult> {
    // A new stream chains from nothing, so a lone one needs no read: the server's check is atomic with the write.
    const [only] = writes;
    const observed =
      writes.length === 1 && only !== undefined && createsStream(only.expectedRevision)
        ? [NO_STREAM_HEAD]
        : await this.observeHeads(writes);
    const planned = planWrites(writes, observed, undefined);
    const order = executionOrder(planned, this.leading);
    const execution = await this.writer.execute(planned, order, { mayBeStored: false, completing: false });
    if (execution.kind === 'refused') throw execution.error;
    return { ...appendResult(planned, execution.outcomes), replayed: false };
  }

  /**
   * Every written stream's head now (one read of its last event each), checked against the write's
   * expected revision: the heads when all hold, a ConcurrencyError otherwise.
   */
  private async observeHeads(writes: readonly StreamWrite[]): Promise<StreamHead[]> {
    const heads = await Promise.all(writes.map(({ stream }) => this.reader.streamHead(stream)));
    writes.forEach(({ stream, expectedRevision }, index) => {
      const revision = heads[index]?.revision ?? -1;
      if (!revisionHolds(expectedRevision, revision))
        throw new ConcurrencyError(stream, expectedRevision, revision);
    });
    return heads;
  }

  /** Runs one call of the port: refused once closing, tracked until settled, driver errors translated. */
  private run<T>(call: () => Promise<T>): Promise<T> {
    const running = (async () => {
      this.assertOpen();
      try {
        return await call();
      } catch (error) {
        throw translateError(this.server, error);
      }
    })();
    this.inFlight.add(running);
    void running.finally(() => this.inFlight.delete(running)).catch(() => undefined);
    return running;
  }

  private assertOpen(): void {
    if (this.closing !== undefined) {
      throw new EventStoreUnavailableError(`The event store on EventStoreDB at ${this.server} is closed`);
    }
  }
}

/**
 * Opens the store on an EventStoreDB server. The client connects on first use, so an unreachable
 * server shows on the first call, as EventStoreUnavailableError naming it (`checkConnection()` asks early).
 */
export function openEventStoreDbEventStore(options: EventStoreDbOptions): EventStoreDbEventStore {
  const categories = validateCategories(options.categories);
  const leading = [...(options.consistencyBoundaries ?? [])];
  const unknown = leading.filter((category) => !categories.includes(category));
  if (unknown.length > 0) {
    throw new Error(`Consistency boundaries ${unknown.join(', ')} are not among the store's categories`);
  }
  const client = connectClient(options.connectionString);
  return new EventStoreDbEventStore(client, serverName(options.connectionString), categories, leading);
}

function createsStream(expected: ExpectedRevision): boolean {
  return expected === 'no-stream' || expected === -1;
}

/** A count option as given, refused below `min`. */
function count(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min)
    throw new Error(`${name} must be an integer of at least ${min}`);
  return value;
}
