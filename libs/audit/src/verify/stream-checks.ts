import { eventHash, type Position, type RecordedEvent } from '@ledger/event-store';
import type { VerifyFailure } from './verify-result.js';

/** Altered events kept for the swap search; beyond them, each is still reported. */
const ALTERED_KEPT = 1000;

/** A hash shortened for a sentence; the failure's fields carry it in full. */
export const short = (hash: string | undefined) => (hash === undefined ? 'none' : `${hash.slice(0, 12)}…`);

/** The last event read of a stream. */
interface Tracked {
  readonly revision: number;
  readonly hash: string;
  readonly position: Position;
}

/** Revisions a stream skipped (`from` to `to`): missing, unless they turn up later (then reordered). */
interface Gap {
  readonly from: number;
  readonly to: number;
  /** The skipped revisions read later, out of order. */
  readonly filled: Set<number>;
  readonly before: Tracked | undefined;
  readonly after: RecordedEvent;
}

/** An event whose content no longer matches its hash, and the hash it chains to. */
export interface AlteredEvent {
  readonly event: RecordedEvent;
  readonly previousHash: string | null;
  readonly failure: VerifyFailure;
}

/**
 * The per-stream checks of one pass in position order: each stream's revisions follow on from 0
 * with no gap and no repeat, and each event's hash is its content chained to the stored hash of the
 * event before it in its stream. The stored hash, not a recomputed one, is what the next event is
 * checked against, so one altered event is reported once, not again for every event after it.
 */
export class StreamChecks {
  private readonly streams = new Map<string, Tracked>();
  private readonly gaps = new Map<string, Gap[]>();
  /** Altered events kept to look for swaps among them (at most ALTERED_KEPT). */
  readonly altered: AlteredEvent[] = [];
  rehashed = 0;

  constructor(private readonly report: (failure: VerifyFailure) => void) {}

  /** Streams seen, the seal stream included. */
  streamNames(): IterableIterator<string> {
    return this.streams.keys();
  }

  /** Checks the next event of the log; `rehash` false takes its stored hash as it is (fromSeal). */
  check(event: RecordedEvent, rehash: boolean): void {
    const { stream, streamRevision: revision, globalPosition: position, hash } = event;
    const tracked = this.streams.get(stream);
    const expected = (tracked?.revision ?? -1) + 1;
    if (revision < expected) return this.outOfOrder(event, tracked);
    if (revision > expected) {
      const gap = {
        from: expected,
        to: revision - 1,
        filled: new Set<number>(),
        before: tracked,
        after: event,
      };
      this.gaps.set(stream, [...(this.gaps.get(stream) ?? []), gap]);
    } else if (rehash) {
      this.checkHash(event, tracked?.hash ?? null);
    }
    this.streams.set(stream, { revision, hash, position });
  }

  /** The revisions still missing at the end of the pass, as failures: one per run of them. */
  finish(): void {
    for (const [stream, gaps] of this.gaps) {
      for (const gap of gaps) {
        for (const [first, last] of missingRuns(gap)) this.report(missingFailure(stream, gap, first, last));
      }
    }
  }

  private checkHash(event: RecordedEvent, previousHash: string | null): void {
    this.rehashed += 1;
    const found = eventHash(event, previousHash);
    if (found === event.hash) return;
    const failure: VerifyFailure = {
      kind: 'altered',
      message: `${event.stream} revision ${event.streamRevision} at position ${event.globalPosition} (event ${event.eventId}, ${event.type}) does not match its hash: stored ${short(event.hash)}, recomputed from its content ${short(found)}`,
      stream: event.stream,
      revision: event.streamRevision,
      position: event.globalPosition,
      eventId: event.eventId,
      expectedHash: event.hash,
      foundHash: found,
    };
    if (this.altered.length < ALTERED_KEPT) this.altered.push({ event, previousHash, failure });
    this.report(failure);
  }

  /** A revision at or below one already read: one a gap was waiting for, or a repeat. */
  private outOfOrder(event: RecordedEvent, tracked: Tracked | undefined): void {
    const { stream, streamRevision: revision, globalPosition: position, eventId } = event;
    const gap = this.gaps
      .get(stream)
      ?.find((g) => g.from <= revision && revision <= g.to && !g.filled.has(revision));
    if (gap !== undefined) {
      gap.filled.add(revision);
      this.report({
        kind: 'reordered',
        message: `${stream} revision ${revision} is at position ${position}, after revision ${gap.after.streamRevision} at position ${gap.after.globalPosition}`,
        ...{ stream, revision, position, eventId },
      });
      return;
    }
    this.report({
      kind: 'inserted',
      message: `${stream} revision ${revision} at position ${position} (event ${eventId}) repeats a revision the stream already had (it was at revision ${tracked?.revision ?? -1})`,
      ...{ stream, revision, position, eventId, foundHash: event.hash },
    });
  }
}

/** The runs of revisions of a gap that never turned up, as [first, last]. */
function missingRuns({ from, to, filled }: Gap): [number, number][] {
  const runs: [number, number][] = [];
  for (let revision = from; revision <= to; revision += 1) {
    if (filled.has(revision)) continue;
    const run = runs.at(-1);
    if (run !== undefined && run[1] === revision - 1) run[1] = revision;
    else runs.push([revision, revision]);
  }
  return runs;
}

function missingFailure(stream: string, gap: Gap, first: number, last: number): VerifyFailure {
  const { before, after } = gap;
  const which = first === last ? `revision ${first}` : `revisions ${first} to ${last}`;
  const where = before
    ? `revision ${before.revision} is at position ${before.position}, `
    : 'it has no earlier revision, ';
  return {
    kind: 'missing',
    message: `${stream} has no ${which}: ${where}revision ${after.streamRevision} at position ${after.globalPosition}`,
    stream,
    revision: first,
    position: after.globalPosition,
    eventId: after.eventId,
  };
}
