import type { EventStore, Position } from '@ledger/event-store';
import { readSealEvent, type Seal, SEAL_STREAM } from './ledger-sealed.js';

const SEALS_PER_READ = 500;

/**
 * The seals of the ledger, read from the seal stream and kept in memory: `refresh` reads only the
 * seals appended since the last read, so asking again is cheap. Seals are never rewritten, and
 * their positions grow with their numbers, so lookups are binary searches.
 *
 * @example
 * const index = new SealIndex(rawStore);
 * await index.refresh();
 * index.earliestCovering('1041' as Position); // the first seal whose position is 1041 or later
 */
export class SealIndex {
  private readonly seals: Seal[] = [];
  private reading: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: EventStore) {}

  /**
   * Reads the seals appended since the last refresh; returns every seal, oldest first. Refreshes
   * run one after another, so each one sees every seal appended before it was asked for.
   */
  refresh(): Promise<readonly Seal[]> {
    const read = this.reading.then(
      () => this.readNew(),
      () => this.readNew(),
    );
    this.reading = read.catch(() => undefined);
    return read;
  }

  private async readNew(): Promise<readonly Seal[]> {
    for (;;) {
      const { events } = await this.store.readStream(SEAL_STREAM, {
        fromRevision: this.seals.length,
        maxCount: SEALS_PER_READ,
      });
      const parse = (text: string) => this.store.parsePosition(text);
      this.seals.push(...events.map((event) => readSealEvent(event, parse).seal));
      if (events.length < SEALS_PER_READ) return this.seals;
    }
  }

  /** Every seal read so far, oldest first. */
  all(): readonly Seal[] {
    return this.seals;
  }

  last(): Seal | undefined {
    return this.seals.at(-1);
  }

  /** Seal `sealNumber` (1, 2, ...), if read. */
  numbered(sealNumber: number): Seal | undefined {
    return this.seals[sealNumber - 1];
  }

  /** The earliest seal covering `position`: the first whose position is `position` or later. */
  earliestCovering(position: Position): Seal | undefined {
    return this.seals[this.firstAtOrAfter('position', position)];
  }

  /** The seal whose own event is at `position`, if one is. */
  withEventAt(position: Position): Seal | undefined {
    const found = this.seals[this.firstAtOrAfter('sealPosition', position)];
    return found && this.store.comparePositions(found.sealPosition, position) === 0 ? found : undefined;
  }

  /** Binary search: the index of the first seal whose `key` is at or after `position`. */
  private firstAtOrAfter(key: 'position' | 'sealPosition', position: Position): number {
    let [low, high] = [0, this.seals.length];
    while (low < high) {
      const mid = (low + high) >>> 1;
      const seal = this.seals[mid];
      if (seal !== undefined && this.store.comparePositions(seal[key], position) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
