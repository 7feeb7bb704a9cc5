import type { EventStore, Position } from '@ledger/event-store';
import type { AnyProjection } from '../registry.js';
import { readModelsAt, type ReadModelsAt, type ReadModelsAtOptions } from './read-models-at.js';

type Build<DB> = (asAt: Position | undefined) => Promise<ReadModelsAt<DB>>;

interface Entry<DB> {
  readonly built: Promise<ReadModelsAt<DB>>;
  /** Queries running on the store now: it is closed only once the last of them is done. */
  leases: number;
  evicted: boolean;
}

/** The most recent read models kept; an older one is closed once nobody is querying it. */
export const DEFAULT_READ_MODELS_AT_CAPACITY = 4;

/**
 * A mark that changes whenever what the log reads as changes without the log growing: a person
 * forgotten (their key destroyed) makes read models built before show data the log now reads as
 * erased. Read models built under another mark are not used again.
 */
export type ReadModelsAtGeneration = () => Promise<string | number>;

/**
 * Keeps the last few read models built "as at" a position, so that asking again at the same position
 * (the next page, the CSV after the JSON) costs a query, not a replay of the log. Least recently
 * used first out; an evicted store is closed when its last query ends, never under a running one.
 *
 * @example
 * const cache = new ReadModelsAtCache((asAt) => readModelsAt(store, ALL_PROJECTIONS, asAt));
 * const grants = await cache.use(position, ({ readStore }) => listGrants(readStore.db, {}));
 * await cache.close();
 */
export class ReadModelsAtCache<DB> {
  private readonly entries = new Map<string, Entry<DB>>();
  private closed = false;

  constructor(
    private readonly build: Build<DB>,
    private readonly capacity = DEFAULT_READ_MODELS_AT_CAPACITY,
    private readonly generation?: ReadModelsAtGeneration,
  ) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new Error(`ReadModelsAtCache capacity must be a positive integer, got ${capacity}`);
    }
  }

  /** Runs `query` on the read models as at `asAt`, building them first unless they are kept. */
  async use<T>(asAt: Position | undefined, query: (at: ReadModelsAt<DB>) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error('The read models as at past positions are closed');
    const mark = this.generation === undefined ? '' : String(await this.generation());
    const entry = this.lease(`${asAt ?? ''}#${mark}`, asAt);
    try {
      return await query(await entry.built);
    } finally {
      entry.leases -= 1;
      if (entry.evicted && entry.leases === 0) await this.dispose(entry);
    }
  }

  /** Closes every store nobody is querying; the others close when their queries end. */
  async close(): Promise<void> {
    this.closed = true;
    const entries = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(entries.map((entry) => this.evict(entry)));
  }

  private lease(key: string, asAt: Position | undefined): Entry<DB> {
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = { built: this.build(asAt), leases: 0, evicted: false };
      this.forgetOnFailure(key, entry);
    }
    // Map order is the recency order: re-inserting makes this the most recent.
    this.entries.delete(key);
    this.entries.set(key, entry);
    entry.leases += 1;
    this.evictOverflow();
    return entry;
  }

  private evictOverflow(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.capacity) return;
      this.entries.delete(key);
      void this.evict(entry);
    }
  }

  private async evict(entry: Entry<DB>): Promise<void> {
    entry.evicted = true;
    if (entry.leases === 0) await this.dispose(entry);
  }

  /** A failed build is not kept: the next request tries again (the log may have been repaired). */
  private forgetOnFailure(key: string, entry: Entry<DB>): void {
    entry.built.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
  }

  private async dispose(entry: Entry<DB>): Promise<void> {
    const built = await entry.built.catch(() => undefined);
    await built?.readStore.close();
  }
}

/**
 * The usual cache: read models of `projections` built from `eventStore`.
 *
 * @example
 * const cache = readModelsAtCache<LedgerReadModels>(eventStore, ALL_PROJECTIONS);
 */
export function readModelsAtCache<DB>(
  eventStore: EventStore,
  projections: readonly AnyProjection[],
  options: ReadModelsAtOptions & {
    readonly capacity?: number;
    readonly generation?: ReadModelsAtGeneration;
  } = {},
): ReadModelsAtCache<DB> {
  const { capacity, generation, ...buildOptions } = options;
  return new ReadModelsAtCache<DB>(
    (asAt) => readModelsAt<DB>(eventStore, projections, asAt, buildOptions),
    capacity,
    generation,
  );
}
