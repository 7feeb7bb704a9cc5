import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { EventStoreUnavailableError } from '../errors.js';
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
import { ChangeSignal } from './change-signal.js';
import { GroupCommitQueue, type GroupCommitStats } from './group-commit-queue.js';
import { applyAppend } from './sqlite-append.js';
import { validateWrites } from '../validate-writes.js';
import { translateDriverError, translatingErrors } from './sqlite-errors.js';
import { openDatabase } from './sqlite-open.js';
import * as positions from './sqlite-positions.js';
import { count, SqliteReader } from './sqlite-reader.js';
import { prepareStatements, type Statements } from './sqlite-statements.js';
import { SqliteSubscription } from './sqlite-subscription.js';

// The storage faults every embedded file can meet, for the api's problem responses and the CLI's exit.
export {
  EventStoreFullError,
  EventStoreReadOnlyError,
  storageFaultOf,
  type StorageFault,
} from './sqlite-errors.js';

export interface SqliteEventStoreOptions {
  /** The database file; its parent folders are created. */
  readonly file: string;
  /** Stamps `recordedAt`; the system clock by default. */
  readonly clock?: () => Date;
  /** Generates event ids not given by the caller; random UUIDs by default. */
  readonly idGenerator?: () => string;
}

const MAX_REQUESTS_PER_FLUSH = 1000;
const DEFAULT_READ_ALL_COUNT = 1000;
const DEFAULT_BATCH_SIZE = 500;

/**
 * The embedded event store: one SQLite file, zero set-up. Appends go through a group-commit queue,
 * reads run directly on the same connection (better-sqlite3 is synchronous, so a read never sees a
 * half-applied flush).
 *
 * @example
 * const store = openSqliteEventStore({ file: 'data/events.sqlite' });
 * await store.appendToStream('grant-42', 'no-stream', [grantAwarded]);
 */
export class SqliteEventStore implements EventStore {
  private readonly statements: Statements;
  private readonly reader: SqliteReader;
  private readonly queue: GroupCommitQueue<AppendResult>;
  private readonly changes = new ChangeSignal();
  private readonly subscriptions = new Set<SqliteSubscription>();
  private closing: Promise<void> | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly file: string,
    private readonly clock: () => Date = () => new Date(),
    private readonly idGenerator: () => string = randomUUID,
  ) {
    this.statements = prepareStatements(db);
    this.reader = new SqliteReader(db, this.statements);
    this.queue = new GroupCommitQueue<AppendResult>(db, {
      maxBatch: MAX_REQUESTS_PER_FLUSH,
      translateError: (error) => translateDriverError(file, error),
      onCommit: () => this.changes.notify(),
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

  async appendMultiple(writes: readonly StreamWrite[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    validateWrites(writes, { repeatedStreams: true });
    return this.queue.enqueue(() =>
      applyAppend(
        { statements: this.statements, recordedAt: this.clock().toISOString(), newEventId: this.idGenerator },
        writes,
        options,
      ),
    );
  }

  findCommandResult(commandId: string, fingerprint?: string): Promise<AppendResult | undefined> {
    return this.read(() => this.reader.command(commandId, fingerprint));
  }

  readStream(
    stream: string,
    options: { fromRevision?: number; maxCount?: number } = {},
  ): Promise<ReadStreamResult> {
    const { fromRevision = 0, maxCount } = options;
    return this.read(() =>
      this.reader.stream(stream, fromRevision, maxCount === undefined ? -1 : count('maxCount', maxCount, 0)),
    );
  }

  readAll(options: ReadAllOptions = {}): Promise<readonly RecordedEvent[]> {
    const { after, maxCount = DEFAULT_READ_ALL_COUNT } = options;
    return this.read(() =>
      this.reader.after(
        after === undefined ? 0 : positions.toSequence(after),
        count('maxCount', maxCount, 0),
      ),
    );
  }

  subscribe(options: SubscribeOptions = {}): EventSubscription {
    this.assertOpen();
    const { after, batchSize = DEFAULT_BATCH_SIZE } = options;
    count('batchSize', batchSize, 1);
    const source = {
      readAfter: (sequence: number, limit: number) =>
        translatingErrors(this.file, () => this.reader.after(sequence, limit)),
      changes: this.changes,
    };
    const cursor = after === undefined ? 0 : positions.toSequence(after);
    const subscription = new SqliteSubscription(source, cursor, batchSize, (closed) =>
      this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  headPosition(): Promise<Position | undefined> {
    return this.read(() => this.reader.head());
  }

  comparePositions(a: Position, b: Position): number {
    return positions.comparePositions(a, b);
  }

  parsePosition(text: string): Position | undefined {
    return positions.parsePosition(text);
  }

  /** Group-commit counters, for tests and metrics: how many appends shared each fsync. */
  stats(): GroupCommitStats {
    return this.queue.stats();
  }

  /** Lets queued appends commit, ends subscriptions, then closes the file. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    await this.queue.drain();
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    this.db.close();
  }

  /** Runs a synchronous query as the port's promise, with driver errors translated. */
  private read<T>(query: () => T): Promise<T> {
    // A throw inside the executor becomes the promise's rejection, as callers of an async port expect.
    return new Promise((resolve) => {
      this.assertOpen();
      resolve(translatingErrors(this.file, query));
    });
  }

  private assertOpen(): void {
    if (this.closing !== undefined)
      throw new EventStoreUnavailableError(`Event store file ${this.file} is closed`);
  }
}

/** Opens (creating if needed) the embedded store; throws EventStoreUnavailableError naming the file. */
export function openSqliteEventStore(options: SqliteEventStoreOptions): SqliteEventStore {
  const clock = options.clock ?? (() => new Date());
  const db = openDatabase(options.file, clock);
  return new SqliteEventStore(db, options.file, clock, options.idGenerator);
}
