import type { EventMetadata, NewEvent, Position, RecordedEvent } from '@ledger/event-store';
import { LEDGER_SEALED } from '@ledger/ledger-domain';
import type { ChainFigures } from '../chain/ledger-chain.js';
import type { StreamHead } from '../chain/merkle.js';

/** The stream every seal goes to (`seal-ledger`): its revision numbers the seals. */
export const SEAL_STREAM = LEDGER_SEALED.stream;

/** The hash algorithm of the chain, the Merkle tree and the log digest. */
export const SEAL_ALGORITHM = 'sha256';

/**
 * The data of a `LedgerSealed` event (schema version 1): what the log held up to `position`, the
 * last ledger event the seal covers (seal events are never covered, and never counted).
 */
export interface LedgerSealedData {
  /** 1, 2, ...: the seal stream's revision + 1. */
  readonly sealNumber: number;
  readonly position: string;
  /** Streams other than `seal-ledger` with an event at or before `position`. */
  readonly streamCount: number;
  /** Ledger events at or before `position`. */
  readonly eventCount: number;
  /** Merkle root of every stream's head as of `position` (see `streamsRoot`). */
  readonly streamsRoot: string;
  /** The log digest after the event at `position` (see `nextLogDigest`). */
  readonly logDigest: string;
  readonly algorithm: typeof SEAL_ALGORITHM;
  /**
   * The heads that moved since the previous seal (every head in the first seal), sorted by stream
   * name: with them a verifier names the stream whose head no longer matches, which a root cannot.
   */
  readonly heads: readonly StreamHead[];
}

/** A seal as the ledger holds it: its data (without the heads listed) and where its own event is. */
export interface Seal extends Omit<LedgerSealedData, 'heads' | 'position'> {
  readonly position: Position;
  readonly sealEventId: string;
  /** The seal event's own hash in the seal stream's chain: what a report quotes to pin the seal. */
  readonly sealHash: string;
  /** Where the seal event itself is in the log (after `position`). */
  readonly sealPosition: Position;
  /** When the ledger recorded the seal (ISO 8601). */
  readonly sealedAt: string;
}

/** A seal event whose data is not a LedgerSealed of a version this code reads. */
export class MalformedSealError extends Error {
  constructor(
    readonly event: Pick<RecordedEvent, 'eventId' | 'globalPosition' | 'streamRevision'>,
    reason: string,
  ) {
    super(`The seal event ${event.eventId} at position ${event.globalPosition} is malformed: ${reason}`);
    this.name = 'MalformedSealError';
  }
}

/** The new seal event for figures of the log, numbered `sealNumber`. */
export function sealEvent(
  sealNumber: number,
  figures: ChainFigures,
  occurredAt: string,
  metadata: EventMetadata,
): NewEvent {
  const { position, streamCount, eventCount, streamsRoot, logDigest, heads } = figures;
  const data: LedgerSealedData = {
    ...{ sealNumber, position, streamCount, eventCount, streamsRoot, logDigest },
    algorithm: SEAL_ALGORITHM,
    heads,
  };
  return { type: LEDGER_SEALED.type, schemaVersion: LEDGER_SEALED.schemaVersion, data, occurredAt, metadata };
}

/**
 * The seal and its listed heads from a stored seal event; throws MalformedSealError naming the event
 * when its type, version or data are not those of a seal.
 */
export function readSealEvent(
  event: RecordedEvent,
  parsePosition: (text: string) => Position | undefined,
): { readonly seal: Seal; readonly heads: readonly StreamHead[] } {
  const fail = (reason: string) => new MalformedSealError(event, reason);
  if (event.type !== LEDGER_SEALED.type || event.schemaVersion !== LEDGER_SEALED.schemaVersion) {
    throw fail(`${event.type} version ${event.schemaVersion} is not ${LEDGER_SEALED.type} version 1`);
  }
  const data = sealData(event.data, fail);
  const position = parsePosition(data.position);
  if (position === undefined) throw fail(`position "${data.position}" is not one of this store's`);
  const { heads, ...figures } = data;
  return {
    seal: {
      ...figures,
      position,
      sealEventId: event.eventId,
      sealHash: event.hash,
      sealPosition: event.globalPosition,
      sealedAt: event.recordedAt,
    },
    heads,
  };
}

const HEX64 = /^[0-9a-f]{64}$/;

function sealData(data: unknown, fail: (reason: string) => Error): LedgerSealedData {
  if (typeof data !== 'object' || data === null) throw fail('its data is not an object');
  const d = data as Record<string, unknown>;
  const count = (key: string, min: number) => Number.isSafeInteger(d[key]) && (d[key] as number) >= min;
  if (!count('sealNumber', 1)) throw fail('sealNumber is not a whole number from 1');
  if (!count('streamCount', 0) || !count('eventCount', 0)) throw fail('its counts are not whole numbers');
  if (typeof d.position !== 'string') throw fail('position is not a string');
  if (typeof d.streamsRoot !== 'string' || !HEX64.test(d.streamsRoot))
    throw fail('streamsRoot is not a hash');
  if (typeof d.logDigest !== 'string' || !HEX64.test(d.logDigest)) throw fail('logDigest is not a hash');
  if (d.algorithm !== SEAL_ALGORITHM) throw fail(`algorithm ${String(d.algorithm)} is not ${SEAL_ALGORITHM}`);
  if (!Array.isArray(d.heads) || !d.heads.every(isHead)) throw fail('heads is not a list of stream heads');
  return data as LedgerSealedData;
}

function isHead(value: unknown): value is StreamHead {
  if (typeof value !== 'object' || value === null) return false;
  const { stream, revision, hash } = value as Record<string, unknown>;
  return typeof stream === 'string' && Number.isSafeInteger(revision) && typeof hash === 'string';
}
