import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EventStore, Position, RecordedEvent } from '@ledger/event-store';

/** Events per read: large enough that a read's overhead is small, small enough to stay responsive. */
export const DEFAULT_PAGE_SIZE = 2000;

/**
 * The log after `after` (from the start without it) in position order, one page at a time. Between
 * pages it yields to the event loop, so a long read inside the api does not stall its requests.
 *
 * @example
 * for await (const page of logPages(store, undefined, 2000)) for (const event of page) check(event);
 */
export async function* logPages(
  store: EventStore,
  after: Position | undefined,
  pageSize: number = DEFAULT_PAGE_SIZE,
): AsyncGenerator<readonly RecordedEvent[]> {
  let cursor = after;
  for (;;) {
    const page = await store.readAll({
      ...(cursor === undefined ? {} : { after: cursor }),
      maxCount: pageSize,
    });
    const last = page.at(-1);
    if (last === undefined) return;
    yield page;
    cursor = last.globalPosition;
    await nextTurn();
  }
}
