// The point of this file: an in-memory stand-in for EventStoreDB, so the adapter's logic runs without a server.
import {
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type AppendResult,
  type AppendToStreamOptions,
  BACKWARDS,
  END,
  type EventData,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type ResolvedEvent,
  START,
  StreamNotFoundError,
  type SubscribeToAllOptions,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type { EsdbClient, EsdbRead, EsdbSubscriptionStream } from '../esdb-client.js';
import { compareEsdbPositions } from '../esdb-positions.js';
import { SimulatedSubscription, type Stored } from './simulated-subscription.js';

/** What the simulation does on purpose differently from a happy server, for one test. */
export interface Faults {
  /** Called before each append is applied; a throw stands for the call failing (or the caller crashing). */
  beforeAppend?: (stream: string) => void;
  /** Every call fails as a gRPC UNAVAILABLE would. */
  unreachable?: boolean;
  /** Re-appended event ids are not recognised: the adapter must find its own events itself. */
  ignoresDuplicates?: boolean;
}

/**
 * EventStoreDB as far as the adapter relies on it, in memory: expected-revision checks, idempotent
 * re-appends of the same event ids, stream reads forwards and backwards (from `END`, as the adapter
 * reads a stream's head and its hash; a missing stream fails the read with StreamNotFoundError), `$all` positions `{ commit, prepare }` shared by the events of
 * one append (so ordering needs both), system events between the ledger's, and filtered catch-up
 * subscriptions. It is a simulation: the real server is exercised
 * by eventstoredb.contract.int.spec.ts.
 */
export class SimulatedEsdbServer {
  readonly faults: Faults = {};
  private readonly log: Stored[] = [];
  private readonly streams = new Map<string, Stored[]>();
  private readonly subscriptions = new Set<SimulatedSubscription>();
  private offset = 990n;
  private appends = 0;
  private refused = 0;

  constructor(private readonly systemEventEvery = 3) {
    this.writeSystemEvent();
    this.writeSystemEvent();
  }

  connect(): EsdbClient & { readonly disposed: () => boolean } {
    let disposed = false;
    const call = <T>(action: () => T): T => {
      if (disposed) throw new Error('The simulated client was disposed');
      if (this.faults.unreachable) throw unavailable();
      return action();
    };
    return {
      appendToStream: (stream, events, options) =>
        Promise.resolve().then(() => call(() => this.append(stream, events, options))),
      readStream: (stream, options) => call(() => this.readStream(stream, options)),
      readAll: (options) => call(() => this.readAll(options)),
      subscribeToAll: (options) => call(() => this.subscribe(options)),
      dispose: () => {
        disposed = true;
        return Promise.resolve();
      },
      disposed: () => disposed,
    };
  }

  /** A foreign or hand-made event, written as another client of the server would (at any revision). */
  writeRaw(stream: string, type: string, data: unknown, metadata?: unknown, id = crypto.randomUUID()): void {
    this.store(stream, [{ id, type, data, metadata }]);
  }

  openSubscriptions(): number {
    return this.subscriptions.size;
  }

  /** How many appends the server refused for a wrong expected revision: shows a race really happened. */
  refusedAppends(): number {
    return this.refused;
  }

  private append(stream: string, events: EventData[], options: AppendToStreamOptions): AppendResult {
    this.faults.beforeAppend?.(stream);
    const existing = this.streams.get(stream) ?? [];
    const expected = options.expectedRevision ?? 'any';
    const current = BigInt(existing.length - 1);
    const duplicate = !this.faults.ignoresDuplicates && this.duplicateOf(existing, events, expected);
    if (duplicate) {
      // Whether a recognised duplicate answers with its own revision or the stream's is not
      // something the adapter may rely on; answering the stream's makes it look.
      return { success: true, nextExpectedRevision: current, position: undefined };
    }
    if (!holds(expected, current)) {
      this.refused += 1;
      throw new WrongExpectedVersionError(undefined, {
        streamName: stream,
        expected,
        current: current === -1n ? 'no_stream' : current,
      });
    }
    const written = this.store(
      stream,
      events.map((event) => ({ id: event.id, type: event.type, data: event.data, metadata: event.metadata })),
    );
    if ((this.appends += 1) % this.systemEventEvery === 0) this.writeSystemEvent();
    const [first, last] = [written[0], written.at(-1)];
    if (first === undefined || last === undefined) throw new Error('An append without events');
    // The answer's position is the append's commit position, not that of its last event.
    return { success: true, nextExpectedRevision: last.revision, position: first.position };
  }

  /** The server's idempotency: the same ids where the expected revision says they would be. */
  private duplicateOf(existing: Stored[], events: EventData[], expected: AppendExpectedRevision): boolean {
    const start =
      expected === 'no_stream'
        ? 0
        : typeof expected === 'bigint'
          ? Number(expected) + 1
          : existing.findIndex((stored) => stored.id === events[0]?.id);
    if (start < 0 || start + events.length > existing.length) return false;
    return events.every((event, n) => existing[start + n]?.id === event.id);
  }

  private store(stream: string, events: { id: string; type: string; data: unknown; metadata: unknown }[]) {
    const existing = this.streams.get(stream) ?? [];
    this.streams.set(stream, existing);
    const commit = this.offset;
    const written = events
      .map((event, n): Stored => {
        const prepare = commit + BigInt(n * 57);
        return {
          streamId: stream,
          id: event.id,
          isJson: true,
          revision: BigInt(existing.length + n),
          type: event.type,
          created: new Date(),
          data: roundTrip(event.data) as Stored['data'],
          metadata:
            event.metadata === undefined ? undefined : (roundTrip(event.metadata) as Stored['metadata']),
          position: { commit, prepare },
        };
      })
      .map((stored) => {
        existing.push(stored);
        this.log.push(stored);
        return stored;
      });
    this.offset = commit + BigInt(events.length * 57 + 31);
    this.subscriptions.forEach((subscription) => subscription.wake());
    return written;
  }

  private writeSystemEvent(): void {
    this.store('$stats-127.0.0.1:2113', [
      { id: crypto.randomUUID(), type: '$statsCollection', data: {}, metadata: undefined },
    ]);
  }

  private readStream(stream: string, options: ReadStreamOptions): EsdbRead<ResolvedEvent> {
    const { fromRevision = START, direction, maxCount = Number.MAX_SAFE_INTEGER } = options;
    const events = this.streams.get(stream);
    return reading(() => {
      if (events === undefined) throw new StreamNotFoundError(undefined, stream);
      const count = Number(maxCount);
      if (direction === BACKWARDS) {
        const from = fromRevision === END ? events.length - 1 : Number(fromRevision);
        return events.slice(Math.max(0, from - count + 1), from + 1).reverse();
      }
      const from = fromRevision === START ? 0 : fromRevision === END ? events.length : Number(fromRevision);
      return events.slice(from, from + count);
    });
  }

  private readAll(options: ReadAllOptions): EsdbRead<AllStreamResolvedEvent> {
    const { fromPosition = START, direction, maxCount = Number.MAX_SAFE_INTEGER } = options;
    const count = Number(maxCount);
    return reading(() => {
      if (direction === BACKWARDS) {
        const before = this.log.filter(
          (e) => fromPosition === END || fromPosition === START || isBefore(e.position, fromPosition),
        );
        return before.reverse().slice(0, count);
      }
      // Forward reads here include the event at the position itself; the adapter must work either way.
      const from = this.log.filter(
        (e) => fromPosition === START || (fromPosition !== END && !isBefore(e.position, fromPosition)),
      );
      return from.slice(0, count);
    });
  }

  private subscribe(options: SubscribeToAllOptions): EsdbSubscriptionStream {
    const { fromPosition = START, filter } = options;
    const prefixes = filter !== undefined && 'prefixes' in filter ? filter.prefixes : undefined;
    const start =
      fromPosition === START
        ? 0
        : fromPosition === END
          ? this.log.length
          : this.log.findIndex((e) => isBefore(fromPosition, e.position));
    const subscription = new SimulatedSubscription(
      this.log,
      start === -1 ? this.log.length : start,
      prefixes,
      (closed) => this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    subscription.wake();
    return subscription;
  }
}

function holds(expected: AppendExpectedRevision, current: bigint): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === -1n;
  if (expected === 'stream_exists') return current >= 0n;
  return expected === current;
}

function isBefore(a: Position, b: Position): boolean {
  return compareEsdbPositions(a, b) < 0;
}

/** A read whose failure (a missing stream) shows while iterating, as the client's streams do. */
function reading<T extends Stored>(events: () => T[]): EsdbRead<{ event: T; commitPosition: bigint }> {
  async function* generate() {
    await Promise.resolve();
    for (const event of events()) yield { event, commitPosition: event.position.commit };
  }
  return Object.assign(generate(), { cancel: () => Promise.resolve() });
}

/** Stored as JSON bytes and parsed back, as the server and client do. */
function roundTrip(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null)) as unknown;
}

function unavailable(): Error {
  return Object.assign(new Error('14 UNAVAILABLE: No connection established'), {
    code: 14,
    details: 'No connection established',
  });
}
