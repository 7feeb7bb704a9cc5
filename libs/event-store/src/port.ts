/**
 * The event store port. Two adapters implement it: the embedded SQLite store (default) and
 * EventStoreDB. Both are held to one contract suite (`eventStoreContract`).
 */

/**
 * A position in the global log. Opaque to callers: only the store that issued it can order it
 * (`comparePositions`). Serialised as a string so clients can send it back (`?atLeast=`).
 */
export type Position = string & { readonly __brand: 'Position' };

/** What an append expects of its stream: anything, that it does not exist yet, or an exact revision. */
export type ExpectedRevision = 'any' | 'no-stream' | number;

export type EventSource = 'api' | 'cli' | 'import';

export interface Actor {
  readonly id: string;
  readonly role: string;
}

export interface EventMetadata {
  /** The authenticated principal: never taken from a request body. */
  readonly actor: Actor;
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly source: EventSource;
  /** Required on every correction (amount corrected, revoked, voided). */
  readonly reason?: string;
}

/** An event as written by the application; the store assigns id (if absent), revision, position, recordedAt. */
export interface NewEvent {
  readonly eventId?: string;
  readonly type: string;
  readonly data: unknown;
  readonly schemaVersion: number;
  /** When it happened in the world (ISO 8601), from the command. */
  readonly occurredAt: string;
  readonly metadata: EventMetadata;
}

/** The full envelope of a stored event (SPEC §2). */
export interface RecordedEvent<Data = unknown> {
  readonly eventId: string;
  readonly type: string;
  readonly stream: string;
  /** 0 for the first event of a stream. */
  readonly streamRevision: number;
  readonly globalPosition: Position;
  readonly occurredAt: string;
  /** When the ledger stored it, from the server clock (ISO 8601). */
  readonly recordedAt: string;
  readonly schemaVersion: number;
  readonly data: Data;
  readonly metadata: EventMetadata;
  /**
   * SHA-256 (hex) of the event's canonical content and the hash of the event before it in its
   * stream (`eventHash`): the stream's hash chain, stored with the event by both stores.
   */
  readonly hash: string;
}

export interface StreamWrite {
  readonly stream: string;
  readonly expectedRevision: ExpectedRevision;
  readonly events: readonly NewEvent[];
}

export interface AppendOptions {
  /**
   * The command id (Idempotency-Key). An append whose command id was seen before writes nothing
   * and returns the first result, with `replayed: true`.
   */
  readonly commandId?: string;
  /** A digest of the command: the same command id with a different digest is refused. */
  readonly fingerprint?: string;
}

export interface AppendResult {
  /** The revision of each stream written, after the append. */
  readonly streams: readonly { readonly stream: string; readonly revision: number }[];
  /** The position of the last event written. */
  readonly position: Position;
  readonly eventIds: readonly string[];
  readonly replayed: boolean;
}

export interface ReadStreamResult {
  /** -1 when the stream does not exist. */
  readonly revision: number;
  readonly events: readonly RecordedEvent[];
}

export interface ReadAllOptions {
  /** Exclusive: events after this position. From the start when absent. */
  readonly after?: Position;
  readonly maxCount?: number;
}

export interface SubscribeOptions {
  /** Exclusive: deliver events after this position. From the start when absent. */
  readonly after?: Position;
  /** How many events each delivered batch holds at most. */
  readonly batchSize?: number;
}

/**
 * A catch-up subscription to the whole log: first everything after `after`, then new events as they
 * are appended, in batches, in position order, until closed.
 */
export interface EventSubscription extends AsyncIterable<readonly RecordedEvent[]> {
  close(): Promise<void>;
}

export interface EventStore {
  /** Appends to one stream. Throws ConcurrencyError when the expected revision does not hold. */
  appendToStream(
    stream: string,
    expectedRevision: ExpectedRevision,
    events: readonly NewEvent[],
    options?: AppendOptions,
  ): Promise<AppendResult>;
  /**
   * Appends to several streams atomically: every write's expected revision holds, or nothing is
   * written. Writes apply in order. The embedded store also takes a stream named twice (each write's
   * expected revision is checked against the stream as the writes before it left it), so an
   * importer can send consecutive whole commands as one append; EventStoreDB refuses that.
   */
  appendMultiple(writes: readonly StreamWrite[], options?: AppendOptions): Promise<AppendResult>;
  /**
   * The first result of a command id seen before, if any. With a fingerprint that differs from the
   * stored one, throws IdempotencyKeyReusedError.
   */
  findCommandResult(commandId: string, fingerprint?: string): Promise<AppendResult | undefined>;
  readStream(
    stream: string,
    options?: { fromRevision?: number; maxCount?: number },
  ): Promise<ReadStreamResult>;
  readAll(options?: ReadAllOptions): Promise<readonly RecordedEvent[]>;
  subscribe(options?: SubscribeOptions): EventSubscription;
  /** The position of the last event in the log, undefined when the log is empty. */
  headPosition(): Promise<Position | undefined>;
  /** Orders two positions issued by this store: negative, zero or positive. */
  comparePositions(a: Position, b: Position): number;
  /** Parses a position sent back by a client; undefined when it is not one of this store's. */
  parsePosition(text: string): Position | undefined;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
