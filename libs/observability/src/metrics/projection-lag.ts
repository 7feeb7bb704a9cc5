import type { EventStore, Position } from '@ledger/event-store';

/** How far a projection is behind the log. */
export interface ProjectionLag {
  /** Events in the log after its checkpoint, counted up to a cap. */
  readonly events: number;
  /** Seconds since the oldest of those events was recorded; 0 when there is none. */
  readonly seconds: number;
}

export const NO_LAG: ProjectionLag = { events: 0, seconds: 0 };

const PAGE_SIZE = 1000;

/**
 * Counts the events after `after` (from the start when undefined) through the store's port: its
 * positions are opaque, so the distance between two of them can only be counted, and counting
 * stops at `maxEvents` so that a projection far behind costs a scrape a bounded read.
 */
export async function measureLag(
  store: Pick<EventStore, 'readAll'>,
  after: Position | undefined,
  maxEvents: number,
  now: Date,
): Promise<ProjectionLag> {
  let events = 0;
  let oldestRecordedAt: string | undefined;
  let cursor = after;
  while (events < maxEvents) {
    const maxCount = Math.min(PAGE_SIZE, maxEvents - events);
    const page = await store.readAll({ ...(cursor === undefined ? {} : { after: cursor }), maxCount });
    oldestRecordedAt ??= page[0]?.recordedAt;
    events += page.length;
    cursor = page.at(-1)?.globalPosition;
    if (page.length < maxCount) break;
  }
  if (oldestRecordedAt === undefined) return NO_LAG;
  return { events, seconds: Math.max(0, (now.getTime() - Date.parse(oldestRecordedAt)) / 1000) };
}
