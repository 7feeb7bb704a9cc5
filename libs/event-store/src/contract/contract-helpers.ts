// The point of this file: small builders and readers shared by the event store contract suites.
import { randomUUID } from 'node:crypto';
import type {
  EventMetadata,
  EventStore,
  EventSubscription,
  NewEvent,
  Position,
  RecordedEvent,
} from '../port.js';

/** What a contract run needs from an adapter: a store, optionally a way to reopen it, and cleanup. */
export interface EventStoreFixture {
  readonly store: EventStore;
  /** Opens the same log again (same file, same server); the suite closes `store` first. */
  readonly reopen?: () => Promise<EventStore>;
  readonly cleanup: () => Promise<void>;
}

export type EventStoreFactory = () => Promise<EventStoreFixture>;

/** The fixture of the running test: suites are defined before `beforeEach` has created it. */
export type CurrentFixture = () => EventStoreFixture;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Unique per call, so tests never see each other's streams in a shared log. */
export function newStream(category = 'test'): string {
  return `${category}-${randomUUID()}`;
}

export function metadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  return {
    actor: { id: 'user-pm-1', role: 'programme-manager' },
    commandId: randomUUID(),
    correlationId: randomUUID(),
    causationId: randomUUID(),
    source: 'api',
    ...overrides,
  };
}

export function newEvent(data: unknown = { n: 0 }, overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    type: 'TestThingHappened',
    data,
    schemaVersion: 1,
    occurredAt: '2018-03-01T10:00:00.000Z',
    metadata: metadata(),
    ...overrides,
  };
}

export function newEvents(count: number): NewEvent[] {
  return Array.from({ length: count }, (_, n) => newEvent({ n }));
}

/** Every event of the given streams after `after`, paging through readAll in position order. */
export async function readOwn(
  store: EventStore,
  streams: ReadonlySet<string>,
  after?: Position,
  pageSize = 1000,
): Promise<RecordedEvent[]> {
  const own: RecordedEvent[] = [];
  let cursor = after;
  for (;;) {
    const page = await store.readAll({ after: cursor, maxCount: pageSize });
    const last = page.at(-1);
    if (last === undefined) return own;
    own.push(...page.filter((event) => streams.has(event.stream)));
    cursor = last.globalPosition;
  }
}

/**
 * Reads a subscription until `count` matching events arrived, then closes it. Gives up after
 * `timeoutMs` by closing it too, so a missing event fails the assertion instead of hanging the run.
 */
export async function collect(
  subscription: EventSubscription,
  count: number,
  keep: (event: RecordedEvent) => boolean,
  onBatch: (seen: readonly RecordedEvent[]) => Promise<void> = () => Promise.resolve(),
  timeoutMs = 5000,
): Promise<RecordedEvent[]> {
  const seen: RecordedEvent[] = [];
  const timer = setTimeout(() => void subscription.close(), timeoutMs);
  try {
    for await (const batch of subscription) {
      seen.push(...batch.filter(keep));
      if (seen.length >= count) break;
      await onBatch(seen);
    }
  } finally {
    clearTimeout(timer);
    await subscription.close();
  }
  return seen;
}

/** True when each position is strictly above the one before it, as the store orders them. */
export function strictlyIncreasing(store: EventStore, events: readonly RecordedEvent[]): boolean {
  let previous: Position | undefined;
  for (const { globalPosition } of events) {
    if (previous !== undefined && store.comparePositions(previous, globalPosition) >= 0) return false;
    previous = globalPosition;
  }
  return true;
}
