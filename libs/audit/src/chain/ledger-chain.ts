import type { Position, RecordedEvent } from '@ledger/event-store';
import { nextLogDigest } from './log-digest.js';
import { byStreamName, headLeaf, merkleRoot, type StreamHead } from './merkle.js';

/** A stream's head as the chain holds it: where it is in the log, and its Merkle leaf once computed. */
interface HeadEntry extends StreamHead {
  readonly position: Position;
  leaf?: string;
}

/** What a seal states of the log up to its position (everything of LedgerSealedData but its number). */
export interface ChainFigures {
  /** The last ledger event taken. */
  readonly position: Position;
  readonly streamCount: number;
  readonly eventCount: number;
  readonly streamsRoot: string;
  readonly logDigest: string;
  /** The heads that moved after `since` (every head without it), sorted by stream name. */
  readonly heads: readonly StreamHead[];
}

/**
 * The running state a seal is computed from, fed every ledger event (seal events left out) in
 * position order: each stream's head, the log digest and the counts. The Sealer keeps one up to
 * date between seals; the verifier rebuilds one as it reads.
 *
 * @example
 * const chain = new LedgerChain(store.comparePositions.bind(store));
 * for (const event of events) chain.add(event);
 * chain.figures(undefined); // { position, streamCount, eventCount, streamsRoot, logDigest, heads }
 */
export class LedgerChain {
  private readonly heads = new Map<string, HeadEntry>();
  private digest: string | null = null;
  private count = 0;
  private last: Position | undefined;
  /** Stream names in code-unit order; dropped when a new stream appears. */
  private sorted: string[] | undefined;

  constructor(private readonly compare: (a: Position, b: Position) => number) {}

  /** Takes one ledger event, the next in position order. */
  add(event: RecordedEvent): void {
    const { stream, streamRevision: revision, hash, globalPosition: position } = event;
    if (!this.heads.has(stream)) this.sorted = undefined;
    this.heads.set(stream, { stream, revision, hash, position });
    this.digest = nextLogDigest(this.digest, event);
    this.count += 1;
    this.last = position;
  }

  /** The last ledger event taken; undefined before the first. */
  get position(): Position | undefined {
    return this.last;
  }

  get eventCount(): number {
    return this.count;
  }

  get streamCount(): number {
    return this.heads.size;
  }

  /** A stream's head and where it is; undefined for a stream not seen yet. */
  head(stream: string): (StreamHead & { readonly position: Position }) | undefined {
    return this.heads.get(stream);
  }

  /**
   * The figures of a seal at the current position, listing the heads that moved after `since` (the
   * previous seal's position). Undefined before the first event: an empty log has nothing to seal.
   */
  figures(since: Position | undefined): ChainFigures | undefined {
    if (this.last === undefined || this.digest === null) return undefined;
    const entries = this.sortedNames().map((stream) => this.entry(stream));
    const moved = since === undefined ? entries : entries.filter((e) => this.compare(e.position, since) > 0);
    return {
      position: this.last,
      streamCount: this.heads.size,
      eventCount: this.count,
      streamsRoot: merkleRoot(entries.map((entry) => (entry.leaf ??= headLeaf(entry)))),
      logDigest: this.digest,
      heads: moved.map(({ stream, revision, hash }) => ({ stream, revision, hash })),
    };
  }

  /**
   * Takes a seal's view of the log after it did not match: its digest, its count, and its heads of
   * the streams that differ (null: no such stream), placed at `at` (the seal's position). The next
   * seal is then checked against what changed since this one, so one alteration is reported once,
   * at the first seal after it, not again at every later seal.
   */
  resync(
    sealed: { readonly logDigest: string; readonly eventCount: number },
    heads: readonly { readonly stream: string; readonly head: Omit<StreamHead, 'stream'> | null }[],
    at: Position,
  ): void {
    this.digest = sealed.logDigest;
    this.count = sealed.eventCount;
    for (const { stream, head } of heads) {
      if (head === null) this.heads.delete(stream);
      else this.heads.set(stream, { stream, revision: head.revision, hash: head.hash, position: at });
      this.sorted = undefined;
    }
  }

  private sortedNames(): string[] {
    this.sorted ??= [...this.heads.keys()].sort((a, b) => byStreamName({ stream: a }, { stream: b }));
    return this.sorted;
  }

  private entry(stream: string): HeadEntry {
    const entry = this.heads.get(stream);
    if (entry === undefined) throw new Error(`No head for stream ${stream}`);
    return entry;
  }
}
