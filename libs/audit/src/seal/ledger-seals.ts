import type { EventStore, Position } from '@ledger/event-store';
import { logPages } from '../read-log.js';
import { type Seal, SEAL_STREAM } from './ledger-sealed.js';
import { SealIndex } from './seal-index.js';
import { Sealer, type SealerOptions, type SealOutcome, type SealRequest } from './sealer.js';

/**
 * The seal a report states: the earliest seal of the ledger at or after the report's position,
 * enough to find it by number and check it is the same one (position, root, digest, event, hash).
 */
export interface ReportSeal {
  readonly sealNumber: number;
  /** The last ledger event the seal covers: at or after the report's `ledgerPosition`. */
  readonly position: Position;
  /** The Merkle root of every stream's head as of `position`. */
  readonly streamsRoot: string;
  /** The running digest of the whole log up to `position`. */
  readonly logDigest: string;
  readonly sealEventId: string;
  /** The seal event's hash in the seal stream's chain. */
  readonly sealHash: string;
}

/** Where a report's figures stand and the seal that covers them. */
export interface SealedPosition {
  /** The last ledger event at or before the checkpoint (seal events, which no projection reads, skipped). */
  readonly position: Position;
  /** Null only while the log is empty. */
  readonly seal: ReportSeal | null;
}

/**
 * The ledger's seals for the api and the CLI: sealing on demand, listing, and the seal a report
 * states. Give it the raw event store (`openRawEventStore`): seals cover the events as stored.
 *
 * @example
 * const seals = new LedgerSeals(openRawEventStore(config), { source: 'cli' });
 * const { position, seal } = await seals.forReport(checkpoint);
 */
export class LedgerSeals {
  readonly index: SealIndex;
  private readonly sealer: Sealer;

  constructor(
    private readonly store: EventStore,
    options: SealerOptions = {},
  ) {
    this.index = new SealIndex(store);
    this.sealer = new Sealer(store, options);
  }

  /** Seals what was appended since the last seal (see Sealer.seal). */
  seal(request: SealRequest = {}): Promise<SealOutcome | undefined> {
    return this.sealer.seal(request);
  }

  /** Ledger events appended since the last seal. */
  unsealedEvents(): Promise<number> {
    return this.sealer.unsealedEvents();
  }

  /** Seals `fromSeal`, `fromSeal + 1`, ... (at most `limit`), oldest first. */
  async list(fromSeal = 1, limit = Number.MAX_SAFE_INTEGER): Promise<readonly Seal[]> {
    const seals = await this.index.refresh();
    return seals.slice(fromSeal - 1, fromSeal - 1 + limit);
  }

  /** Seal `sealNumber`, undefined when the ledger has no such seal. */
  async numbered(sealNumber: number): Promise<Seal | undefined> {
    await this.index.refresh();
    return this.index.numbered(sealNumber);
  }

  /**
   * The position a report computed at `checkpoint` (a projection's checkpoint) stands at, and the
   * earliest seal covering it. Seal events move checkpoints but no figure, so a checkpoint on a seal
   * event stands for the last ledger event before it: the same ledger gives the same report. When
   * no seal covers the position yet, `sealIfNone` (the default) seals the log now.
   *
   * @example
   * await seals.forReport('1042' as Position); // 1042 is seal 3's own event: { position: '1041', seal: { sealNumber: 3, ... } }
   */
  async forReport(
    checkpoint: Position,
    options: { readonly sealIfNone?: boolean; readonly request?: SealRequest } = {},
  ): Promise<SealedPosition> {
    await this.index.refresh();
    const position = await this.ledgerPositionAt(checkpoint);
    let seal = this.index.earliestCovering(position);
    if (seal === undefined && options.sealIfNone !== false) {
      await this.sealer.seal(options.request);
      await this.index.refresh();
      seal = this.index.earliestCovering(position);
    }
    return { position, seal: seal === undefined ? null : reportSealOf(seal) };
  }

  /** The last ledger event at or before `checkpoint`: itself unless it is a seal's own event. */
  private async ledgerPositionAt(checkpoint: Position): Promise<Position> {
    const seal = this.index.withEventAt(checkpoint);
    if (seal === undefined) return checkpoint;
    // Ledger events appended while the seal was being written sit between what it covers and it.
    let last = seal.position;
    for await (const page of logPages(this.store, seal.position, 100)) {
      for (const event of page) {
        if (this.store.comparePositions(event.globalPosition, checkpoint) > 0) return last;
        if (event.stream !== SEAL_STREAM) last = event.globalPosition;
      }
    }
    return last;
  }
}

export function reportSealOf(seal: Seal): ReportSeal {
  const { sealNumber, position, streamsRoot, logDigest, sealEventId, sealHash } = seal;
  return { sealNumber, position, streamsRoot, logDigest, sealEventId, sealHash };
}
