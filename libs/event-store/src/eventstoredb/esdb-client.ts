import {
  type AllStreamResolvedEvent,
  type AppendResult as EsdbAppendResult,
  type AppendToStreamOptions,
  type EventData,
  EventStoreDBClient,
  type ReadAllOptions as EsdbReadAllOptions,
  type ReadStreamOptions,
  type ResolvedEvent,
  type SubscribeToAllOptions,
} from '@eventstore/db-client';

/** A read the caller can stop early: `cancel()` ends the server call behind it. */
export interface EsdbRead<E> extends AsyncIterable<E> {
  cancel(): Promise<void>;
}

/** The part of a catch-up subscription the adapter uses: flowing events with back-pressure. */
export interface EsdbSubscriptionStream {
  on(event: 'data', listener: (resolved: AllStreamResolvedEvent) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  pause(): unknown;
  resume(): unknown;
  unsubscribe(): Promise<void>;
}

/**
 * The calls the adapter makes on `@eventstore/db-client`, and nothing more. `EventStoreDBClient`
 * satisfies it as it is; the unit tests drive the adapter through a simulated client instead.
 */
export interface EsdbClient {
  appendToStream(
    stream: string,
    events: EventData[],
    options: AppendToStreamOptions,
  ): Promise<EsdbAppendResult>;
  readStream(stream: string, options: ReadStreamOptions): EsdbRead<ResolvedEvent>;
  readAll(options: EsdbReadAllOptions): EsdbRead<AllStreamResolvedEvent>;
  subscribeToAll(options: SubscribeToAllOptions): EsdbSubscriptionStream;
  dispose(): Promise<void>;
}

/** A client for the connection string; it connects lazily, on the first call. */
export function connectClient(connectionString: string): EsdbClient {
  try {
    return EventStoreDBClient.connectionString(connectionString);
  } catch (error) {
    // The parser's message names the offending character, never the (secret-bearing) string.
    throw new Error(`The EventStoreDB connection string is not valid: ${String(error)}`, { cause: error });
  }
}
