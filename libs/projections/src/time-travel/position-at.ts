import type { EventStore, Position, RecordedEvent } from '@ledger/event-store';

const PAGE_SIZE = 1000;

/**
 * The position of the last event the ledger recorded at or before `at` (an ISO 8601 timestamp or a
 * Date); undefined when it had recorded nothing yet. Reads the log from the start: `recordedAt`
 * is stamped in commit order, so the first event recorded later ends the search.
 *
 * @example
 * const position = await positionAt(store, '2018-10-15T12:00:00Z'); // e.g. '1041'
 */
export async function positionAt(store: EventStore, at: string | Date): Promise<Position | undefined> {
  const limit = new Date(at).getTime();
  if (Number.isNaN(limit)) throw new Error(`Not a timestamp: ${String(at)}`);
  let found: Position | undefined;
  for await (const page of pages(store)) {
    const before = page.filter((event) => Date.parse(event.recordedAt) <= limit);
    found = before.at(-1)?.globalPosition ?? found;
    if (before.length < page.length) break;
  }
  return found;
}

/**
 * When the ledger recorded the event at `position`; undefined when there is no event there.
 * A store with decimal positions is asked for that one event; any other is read from the start.
 *
 * @example
 * await recordedAtOf(store, report.ledgerPosition); // '2018-10-15T11:59:58.123Z'
 */
export async function recordedAtOf(store: EventStore, position: Position): Promise<string | undefined> {
  const direct = await eventJustAfter(store, decimalPredecessor(store, position));
  if (direct !== undefined && store.comparePositions(direct.globalPosition, position) === 0) {
    return direct.recordedAt;
  }
  for await (const page of pages(store)) {
    const event = page.find((e) => store.comparePositions(e.globalPosition, position) >= 0);
    if (event !== undefined) {
      return store.comparePositions(event.globalPosition, position) === 0 ? event.recordedAt : undefined;
    }
  }
  return undefined;
}

/** The position one before a decimal position, if the store takes it as one of its own. */
function decimalPredecessor(store: EventStore, position: Position): Position | undefined {
  if (!/^[1-9]\d*$/.test(position)) return undefined;
  const before = store.parsePosition((BigInt(position) - 1n).toString());
  return before !== undefined && store.comparePositions(before, position) < 0 ? before : undefined;
}

async function eventJustAfter(
  store: EventStore,
  after: Position | undefined,
): Promise<RecordedEvent | undefined> {
  if (after === undefined) return undefined;
  const [event] = await store.readAll({ after, maxCount: 1 });
  return event;
}

async function* pages(store: EventStore): AsyncGenerator<readonly RecordedEvent[]> {
  let after: Position | undefined;
  for (;;) {
    const page = await store.readAll({ ...(after === undefined ? {} : { after }), maxCount: PAGE_SIZE });
    const last = page.at(-1);
    if (last === undefined) return;
    yield page;
    after = last.globalPosition;
  }
}
