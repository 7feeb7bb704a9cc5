import { randomUUID } from 'node:crypto';
import type { Kysely, Migration, Transaction } from 'kysely';
import type { DomainEvent } from '@ledger/ledger-domain';
import { eventHash, type EventMetadata, type Position, type RecordedEvent } from '@ledger/event-store';
import { openTestReadStore } from './read-store-under-test.js';

/** What a projection spec needs of a projection (structurally the Projection of @ledger/projections). */
export interface SpecProjection<DB> {
  readonly name: string;
  readonly eventTypes: readonly string[];
  readonly migrations: Readonly<Record<string, Migration>>;
  readonly handle: (trx: Transaction<DB>, event: RecordedEvent) => Promise<void>;
}

/** A domain event with the envelope fields a projection may read; the rest are filled in. */
export type GivenEvent = DomainEvent & {
  readonly stream?: string;
  readonly occurredAt?: string;
  readonly recordedAt?: string;
  readonly metadata?: Partial<EventMetadata>;
};

const DEFAULT_METADATA: EventMetadata = {
  actor: { id: 'principal-1', role: 'programme-manager' },
  commandId: 'command-1',
  correlationId: 'correlation-1',
  causationId: 'command-1',
  source: 'api',
};

/**
 * Given/then for projections on a fresh read store of the dialect under test (SQLite in memory, or a
 * PostgreSQL schema of its own): the events are wrapped in full
 * envelopes (positions 1..n, revisions per stream), applied one per transaction as the runner does,
 * then `then` receives the database to query.
 *
 * @example
 * await projectionSpec(grantRegister).given([awarded, paid]).then(async (db) => {
 *   expect(await db.selectFrom('grant_register').selectAll().execute()).toEqual([...]);
 * });
 */
export function projectionSpec<DB>(projection: SpecProjection<DB>) {
  return {
    given: (events: readonly GivenEvent[]) => ({
      then: async (
        assert: (db: Kysely<DB>, recorded: readonly RecordedEvent[]) => Promise<void>,
      ): Promise<void> => {
        const store = openTestReadStore<DB>();
        const db = store.db;
        try {
          await store.migrate(projection.migrations);
          const recorded = envelope(events);
          for (const event of recorded) {
            if (!projection.eventTypes.includes(event.type)) continue;
            await db.transaction().execute((trx) => projection.handle(trx, event));
          }
          await assert(db, recorded);
        } finally {
          await store.close();
        }
      },
    }),
  };
}

/** Wraps domain events in envelopes: positions 1..n, revisions counted and hashes chained per stream. */
export function envelope(events: readonly GivenEvent[]): RecordedEvent[] {
  const heads = new Map<string, { revision: number; hash: string }>();
  return events.map((event, index) => {
    const stream = event.stream ?? inferStream(event);
    const head = heads.get(stream);
    const content = {
      eventId: randomUUID(),
      type: event.type,
      stream,
      streamRevision: (head?.revision ?? -1) + 1,
      occurredAt: event.occurredAt ?? '2018-01-01T00:00:00.000Z',
      schemaVersion: 1,
      data: event.data,
      metadata: { ...DEFAULT_METADATA, ...event.metadata },
    };
    const hash = eventHash(content, head?.hash ?? null);
    heads.set(stream, { revision: content.streamRevision, hash });
    return {
      ...content,
      globalPosition: String(index + 1) as Position,
      recordedAt: event.recordedAt ?? new Date(Date.UTC(2018, 0, 1, 0, 0, index)).toISOString(),
      hash,
    };
  });
}

const STREAM_OF_ID: readonly [string, string][] = [
  ['grantId', 'grant'],
  ['partnershipId', 'partnership'],
  ['introductionId', 'introduction'],
  ['projectId', 'project'],
  ['partnerId', 'partner'],
  ['innovatorId', 'innovator'],
  ['programmeId', 'programme'],
];

/** The stream an event belongs to, from the most specific id in its data (GrantAwarded → grant-<grantId>). */
function inferStream(event: DomainEvent): string {
  const data = event.data as Record<string, unknown>;
  const programmeEvents = [
    'ProgrammeLaunched',
    'ProgrammeTargetSet',
    'ProgrammeClosed',
    'GrantFundsCommitted',
    'GrantFundsReleased',
  ];
  if (programmeEvents.includes(event.type)) return `programme-${String(data['programmeId'])}`;
  if (
    event.type.startsWith('Innovator') ||
    ['IncomeReported', 'RevenueForecastRecorded'].includes(event.type)
  ) {
    return `innovator-${String(data['innovatorId'])}`;
  }
  if (event.type.startsWith('Introduction')) return `introduction-${String(data['introductionId'])}`;
  const match = STREAM_OF_ID.find(([field]) => typeof data[field] === 'string');
  return match ? `${match[1]}-${String(data[match[0]])}` : 'unknown-stream';
}
