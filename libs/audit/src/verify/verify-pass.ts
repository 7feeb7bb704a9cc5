import { type EventStore, eventHash, type Position, type RecordedEvent } from '@ledger/event-store';
import { LedgerChain } from '../chain/ledger-chain.js';
import type { StreamHead } from '../chain/merkle.js';
import { SEAL_STREAM } from '../seal/ledger-sealed.js';
import { checkpoints, type ExpectedSeal, sealNumbered } from './expected-seals.js';
import { compareSeal } from './seal-checks.js';
import { StreamChecks } from './stream-checks.js';
import { findSwaps, type Swap } from './swaps.js';
import type { VerifiedSeal, VerifyFailure, VerifyOptions, VerifyResult } from './verify-result.js';

type Head = Omit<StreamHead, 'stream'>;

const DEFAULT_MAX_FAILURES = 100;
/** Failures held in memory, to sort; a log altered throughout should not exhaust it. */
const FAILURES_KEPT = 10_000;

/**
 * One verification pass over the log in position order (see verifyLedger). Fed each event by
 * `take`; `result` ends it. Each seal is compared with the log as soon as the pass has read every
 * event up to the seal's position (before the events after it change the heads).
 */
export class VerifyPass {
  /** The failures found, the first FAILURES_KEPT of them; `failureCount` counts them all. */
  private readonly found: VerifyFailure[] = [];
  private failureCount = 0;
  private readonly checks = new StreamChecks((failure) => this.record(failure));
  private readonly chain: LedgerChain;
  private readonly points: ExpectedSeal[];
  private readonly byRevision: ReadonlyMap<number, ExpectedSeal>;
  /** Streams moved since the last seal compared, with their head before (null: new stream). */
  private movedFrom = new Map<string, Head | null>();
  private nextPoint = 0;
  private previous: Position | undefined;
  private events = 0;
  private seals = 0;
  private ledgerEvents = 0;
  private ledgerEventsSealed = 0;
  private lastSeal: VerifiedSeal | null = null;
  /** Ledger events up to here are not re-hashed (fromSeal). */
  private readonly trustedUpTo: Position | undefined;

  constructor(
    private readonly store: EventStore,
    seals: readonly ExpectedSeal[],
    private readonly options: VerifyOptions,
  ) {
    const compare = (a: Position, b: Position) => store.comparePositions(a, b);
    this.chain = new LedgerChain(compare);
    this.points = checkpoints(seals, compare);
    this.byRevision = new Map(seals.map((seal) => [seal.event.streamRevision, seal]));
    const from = options.fromSeal === undefined ? undefined : sealNumbered(seals, options.fromSeal);
    this.trustedUpTo = from?.position;
  }

  get eventsChecked(): number {
    return this.events;
  }

  /** Checks the next event of the log; false once the pass should stop (after `untilSeal`). */
  take(event: RecordedEvent): boolean {
    this.events += 1;
    const position = event.globalPosition;
    this.checkOrder(event);
    this.compareSealsBefore(position, false);
    const isSeal = event.stream === SEAL_STREAM;
    this.checks.check(event, isSeal || !this.trusted(position));
    if (isSeal) return this.takeSeal(event);
    this.takeLedgerEvent(event);
    this.compareSealsBefore(position, true);
    return true;
  }

  /** Ends the pass: seals past the end of the log, missing revisions, swaps, and the result. */
  result(durationMs: number): VerifyResult {
    if (this.options.untilSeal === undefined) this.compareSealsBefore(undefined, true);
    this.checks.finish();
    const swaps = findSwaps(this.checks.altered);
    const failures = this.sortedFailures(swaps);
    const max = this.options.maxFailures ?? DEFAULT_MAX_FAILURES;
    return {
      ok: this.failureCount === 0,
      eventsChecked: this.events,
      eventsRehashed: this.checks.rehashed,
      streamsChecked: [...this.checks.streamNames()].filter((s) => s !== SEAL_STREAM).length,
      sealsChecked: this.seals,
      lastSeal: this.lastSeal,
      unsealedEvents: this.ledgerEvents - this.ledgerEventsSealed,
      fromSeal: this.options.fromSeal ?? null,
      durationMs: Math.round(durationMs),
      failures: failures.slice(0, max),
      failureCount: this.failureCount - swaps.length,
    };
  }

  private record(failure: VerifyFailure): void {
    this.failureCount += 1;
    if (this.found.length < FAILURES_KEPT) this.found.push(failure);
  }

  private trusted(position: Position): boolean {
    return this.trustedUpTo !== undefined && this.store.comparePositions(position, this.trustedUpTo) <= 0;
  }

  private checkOrder(event: RecordedEvent): void {
    const { globalPosition: position, stream, streamRevision: revision, eventId } = event;
    if (this.previous !== undefined && this.store.comparePositions(position, this.previous) <= 0) {
      this.record({
        kind: 'reordered',
        message: `position ${position} (${stream} revision ${revision}) comes after position ${this.previous} in the log`,
        ...{ stream, revision, position, eventId },
      });
    }
    this.previous = position;
  }

  private takeLedgerEvent(event: RecordedEvent): void {
    if (!this.movedFrom.has(event.stream))
      this.movedFrom.set(event.stream, this.headOf(event.stream) ?? null);
    this.chain.add(event);
    this.ledgerEvents += 1;
  }

  /** A seal's own event: its number follows on, it is the seal read before, and it covers the past. */
  private takeSeal(event: RecordedEvent): boolean {
    this.seals += 1;
    const expected = this.byRevision.get(event.streamRevision);
    const problem = this.sealEventProblem(event, expected);
    if (problem !== undefined) {
      this.record({
        kind: 'seal-mismatch',
        message: `the seal event at position ${event.globalPosition} (${SEAL_STREAM} revision ${event.streamRevision}) ${problem}`,
        ...{ stream: SEAL_STREAM, revision: event.streamRevision, position: event.globalPosition },
        ...{ eventId: event.eventId, sealNumber: event.streamRevision + 1 },
      });
    }
    const seal = expected?.seal;
    if (seal) {
      this.lastSeal = {
        sealNumber: seal.sealNumber,
        position: seal.position,
        sealPosition: seal.sealPosition,
      };
    }
    return seal === undefined || seal.sealNumber !== this.options.untilSeal;
  }

  private sealEventProblem(event: RecordedEvent, expected: ExpectedSeal | undefined): string | undefined {
    if (
      expected === undefined ||
      expected.event.eventId !== event.eventId ||
      expected.event.hash !== event.hash
    ) {
      return 'is not the one the seal stream holds at that revision';
    }
    if (expected.problem !== undefined) return `cannot be read: ${expected.problem}`;
    const seal = expected.seal;
    if (seal === undefined) return 'cannot be read';
    if (seal.sealNumber !== event.streamRevision + 1) {
      return `is numbered ${seal.sealNumber}; seal numbers follow the seal stream's revisions (expected ${event.streamRevision + 1})`;
    }
    if (eventHash(event, this.byRevision.get(event.streamRevision - 1)?.event.hash ?? null) !== event.hash) {
      return undefined; // altered: its stream's chain says so
    }
    if (!this.points.includes(expected)) {
      return `claims to cover position ${seal.position}, which is not after the previous seal's and before its own event`;
    }
    return undefined;
  }

  /**
   * Compares every seal whose position is before `position` (or at it, when `inclusive`; every seal
   * left, when `position` is undefined) with the log as read so far.
   */
  private compareSealsBefore(position: Position | undefined, inclusive: boolean): void {
    for (;;) {
      const point = this.points[this.nextPoint];
      const seal = point?.seal;
      if (point === undefined || seal === undefined) return;
      if (position !== undefined) {
        const order = this.store.comparePositions(seal.position, position);
        if (order > 0 || (order === 0 && !inclusive)) return;
      }
      this.nextPoint += 1;
      this.compareSeal(point);
    }
  }

  private compareSeal({ seal, heads }: ExpectedSeal): void {
    if (seal === undefined || heads === undefined) return;
    const previous = this.points[this.nextPoint - 2]?.seal?.position;
    const log = {
      figures: this.chain.figures(previous),
      headOf: (stream: string) => this.headOf(stream),
      movedFrom: this.movedFrom,
    };
    const failure = compareSeal(seal, heads, log);
    if (failure !== undefined) {
      this.record(failure);
      const differing = (failure.heads ?? []).map(({ stream, sealed }) => ({ stream, head: sealed }));
      this.chain.resync(seal, differing, seal.position);
    }
    this.movedFrom = new Map();
    this.ledgerEventsSealed = this.ledgerEvents;
  }

  private headOf(stream: string): Head | undefined {
    const head = this.chain.head(stream);
    return head === undefined ? undefined : { revision: head.revision, hash: head.hash };
  }

  /** By position, the earliest first; two swapped events become one `reordered` failure. */
  private sortedFailures(swaps: readonly Swap[]): VerifyFailure[] {
    const instead = new Map<VerifyFailure, VerifyFailure | undefined>();
    for (const { first, second, failure } of swaps) {
      instead.set(first.failure, failure);
      instead.set(second.failure, undefined);
    }
    const failures = this.found.flatMap((f) => {
      if (!instead.has(f)) return [f];
      const swapped = instead.get(f);
      return swapped === undefined ? [] : [swapped];
    });
    const compare = (a?: Position, b?: Position) =>
      a === undefined || b === undefined ? 0 : this.store.comparePositions(a, b);
    return failures
      .map((failure, index) => ({ failure, index }))
      .sort((a, b) => compare(a.failure.position, b.failure.position) || a.index - b.index)
      .map(({ failure }) => failure);
  }
}
