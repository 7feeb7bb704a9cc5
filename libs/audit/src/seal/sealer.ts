import { randomUUID } from 'node:crypto';
import {
  type Actor,
  ConcurrencyError,
  type EventSource,
  type EventStore,
  type Position,
} from '@ledger/event-store';
import { LedgerChain } from '../chain/ledger-chain.js';
import { DEFAULT_PAGE_SIZE, logPages } from '../read-log.js';
import { readSealEvent, type Seal, SEAL_STREAM, sealEvent } from './ledger-sealed.js';

/** Who asked for a seal, for the seal event's metadata. */
export interface SealRequest {
  /** The principal; the sealer itself (`ledger-sealer`) for scheduled seals. */
  readonly actor?: Actor;
  readonly correlationId?: string;
}

export interface SealerOptions {
  /** Stamps each seal's `occurredAt`; the system clock by default. */
  readonly clock?: () => Date;
  /** The process sealing: `api` (the default) or `cli`. */
  readonly source?: EventSource;
  readonly pageSize?: number;
  /** How many times to try when other sealers keep taking the next seal number first. */
  readonly attempts?: number;
  readonly newId?: () => string;
}

/** A seal asked for: the one that covers the log, and whether this call appended it. */
export interface SealOutcome {
  readonly seal: Seal;
  readonly created: boolean;
}

/** The actor of scheduled seals. */
export const SYSTEM_SEALER: Actor = { id: 'ledger-sealer', role: 'system' };

const DEFAULT_ATTEMPTS = 5;

/**
 * Appends seals (`LedgerSealed` to `seal-ledger`) through the event store port, so it works on
 * either store. It keeps the running chain (heads, digest, counts) in memory and reads only what
 * was appended since it last looked, so every seal after the first costs the events since the last.
 * Calls are serialised in the process; between processes the seal stream's expected revision
 * serialises seal numbers, and a sealer that loses the race uses the winner's seal when it covers
 * everything it had read.
 *
 * @example
 * const sealer = new Sealer(openRawEventStore(config));
 * const outcome = await sealer.seal(); // { seal: { sealNumber: 1, position: '1041', ... }, created: true }
 */
export class Sealer {
  private readonly chain: LedgerChain;
  private readAfter: Position | undefined;
  private last: { readonly seal: Seal; readonly revision: number } | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly options: SealerOptions = {},
  ) {
    this.chain = new LedgerChain((a, b) => store.comparePositions(a, b));
  }

  /**
   * Seals every ledger event appended so far. When nothing was appended since the last seal, that
   * seal comes back and nothing is written. Undefined while the ledger is empty.
   */
  seal(request: SealRequest = {}): Promise<SealOutcome | undefined> {
    return this.exclusive(() => this.sealNow(request));
  }

  /** The last seal of the ledger, after reading what was appended since the last call. */
  lastSeal(): Promise<Seal | undefined> {
    return this.exclusive(async () => {
      await this.catchUp();
      return this.last?.seal;
    });
  }

  /** How many ledger events no seal covers yet (after reading what was appended). */
  unsealedEvents(): Promise<number> {
    return this.exclusive(async () => {
      await this.catchUp();
      return this.chain.eventCount - (this.last?.seal.eventCount ?? 0);
    });
  }

  private async sealNow(request: SealRequest): Promise<SealOutcome | undefined> {
    await this.catchUp();
    const target = this.chain.position;
    if (target === undefined) return undefined;
    for (let attempt = 1; attempt <= (this.options.attempts ?? DEFAULT_ATTEMPTS); attempt += 1) {
      const last = this.last?.seal;
      if (last && this.store.comparePositions(last.position, target) >= 0)
        return { seal: last, created: false };
      const sealNumber = (last?.sealNumber ?? 0) + 1;
      const appended = await this.tryAppend(sealNumber, request);
      const passed = await this.catchUp();
      const ours = passed.find((seal) => seal.sealNumber === sealNumber);
      if (appended && ours) return { seal: ours, created: true };
    }
    throw new Error(`Could not seal position ${target}: other sealers kept taking the next seal number`);
  }

  /** Appends seal `sealNumber` of the chain as it stands; false when another sealer got there first. */
  private async tryAppend(sealNumber: number, request: SealRequest): Promise<boolean> {
    const figures = this.chain.figures(this.last?.seal.position);
    if (figures === undefined) return false;
    const commandId = (this.options.newId ?? randomUUID)();
    const correlationId = request.correlationId ?? commandId;
    const metadata = {
      actor: request.actor ?? SYSTEM_SEALER,
      ...{ commandId, correlationId, causationId: correlationId },
      source: this.options.source ?? 'api',
    };
    const occurredAt = (this.options.clock ?? (() => new Date()))().toISOString();
    try {
      await this.store.appendToStream(SEAL_STREAM, this.last?.revision ?? 'no-stream', [
        sealEvent(sealNumber, figures, occurredAt, metadata),
      ]);
      return true;
    } catch (error) {
      if (error instanceof ConcurrencyError) return false;
      throw error;
    }
  }

  /** Reads what was appended since the last read into the chain; returns the seals it passed. */
  private async catchUp(): Promise<Seal[]> {
    const passed: Seal[] = [];
    const parse = (text: string) => this.store.parsePosition(text);
    for await (const page of logPages(
      this.store,
      this.readAfter,
      this.options.pageSize ?? DEFAULT_PAGE_SIZE,
    )) {
      for (const event of page) {
        if (event.stream === SEAL_STREAM) {
          const { seal } = readSealEvent(event, parse);
          this.last = { seal, revision: event.streamRevision };
          passed.push(seal);
        } else {
          this.chain.add(event);
        }
      }
      this.readAfter = page.at(-1)?.globalPosition ?? this.readAfter;
    }
    return passed;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
