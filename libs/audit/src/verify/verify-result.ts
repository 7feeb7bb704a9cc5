import type { Position } from '@ledger/event-store';

/**
 * What a failure is: an event whose content no longer matches its hash (`altered`), a revision
 * absent from its stream (`missing`), events out of their order (`reordered`), an event the chain
 * does not account for (`inserted`), or a seal the log no longer matches (`seal-mismatch`: a stream's
 * last event removed or added, an event moved, re-dated or removed anywhere before it).
 */
export type FailureKind = 'altered' | 'missing' | 'reordered' | 'inserted' | 'seal-mismatch';

/** A stream whose head differs from what a seal states: null where there is no such stream. */
export interface HeadDifference {
  readonly stream: string;
  readonly sealed: { readonly revision: number; readonly hash: string } | null;
  readonly found: { readonly revision: number; readonly hash: string } | null;
}

export interface VerifyFailure {
  readonly kind: FailureKind;
  /** What is wrong and where, in words. */
  readonly message: string;
  readonly stream?: string;
  readonly revision?: number;
  readonly position?: Position;
  readonly eventId?: string;
  /** The hash the chain or the seal holds for it. */
  readonly expectedHash?: string;
  /** The hash found: recomputed from the event as stored, or the head's hash as the log has it. */
  readonly foundHash?: string;
  readonly sealNumber?: number;
  /** A seal's figures that differ, e.g. `eventCount: sealed 1000, found 999`. */
  readonly differences?: readonly string[];
  /** A seal's stream heads that differ. */
  readonly heads?: readonly HeadDifference[];
}

/** The last seal a verification checked. */
export interface VerifiedSeal {
  readonly sealNumber: number;
  /** The last ledger event it covers. */
  readonly position: Position;
  /** Where the seal event itself is. */
  readonly sealPosition: Position;
}

export interface VerifyResult {
  /** True when no failure was found. */
  readonly ok: boolean;
  /** Every event read (ledger and seal events). */
  readonly eventsChecked: number;
  /** Events whose hash was recomputed from their content (all of them unless `fromSeal`). */
  readonly eventsRehashed: number;
  /** Ledger streams (the seal stream not counted). */
  readonly streamsChecked: number;
  readonly sealsChecked: number;
  readonly lastSeal: VerifiedSeal | null;
  /**
   * Ledger events after the last seal: checked by their streams' chains only, since no seal covers
   * them yet (an event removed from the end of a stream there shows only at the next seal).
   */
  readonly unsealedEvents: number;
  readonly fromSeal: number | null;
  readonly durationMs: number;
  /** Every failure found, by position (the first is the earliest), at most `maxFailures`. */
  readonly failures: readonly VerifyFailure[];
  /** How many failures there were in all (more than listed when capped). */
  readonly failureCount: number;
}

export interface VerifyProgress {
  readonly eventsChecked: number;
  readonly position: Position;
}

export interface VerifyOptions {
  /**
   * Starts from seal N: events up to it are not re-hashed from their content; their stored hashes
   * are taken as they are and checked against every seal up to N (heads, log digest, counts).
   * Everything after seal N is checked in full.
   */
  readonly fromSeal?: number;
  /** Stops after seal N (verify-report checks the ledger up to the seal a report states). */
  readonly untilSeal?: number;
  readonly onProgress?: (progress: VerifyProgress) => void;
  readonly pageSize?: number;
  /** Failures listed at most (100 by default); the count goes on. */
  readonly maxFailures?: number;
  /** The clock for `durationMs` (performance.now by default). */
  readonly now?: () => number;
}

/** `fromSeal` or `untilSeal` names a seal the ledger does not hold. */
export class SealNotFoundError extends Error {
  constructor(
    readonly sealNumber: number,
    readonly sealCount: number,
  ) {
    super(
      sealCount === 0
        ? `There is no seal ${sealNumber}: the ledger has no seal yet`
        : `There is no seal ${sealNumber}: the ledger has seals 1 to ${sealCount}`,
    );
    this.name = 'SealNotFoundError';
  }
}
