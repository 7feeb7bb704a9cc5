import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Kysely } from 'kysely';
import { openSqliteEventStore, type Position, type SqliteEventStore } from '@ledger/event-store';
import { openSqliteReadStore, type ReadStore } from '@ledger/read-store';
import {
  openPostgresTestReadStore,
  openTestReadStore,
  postgresTestUrl,
  readStoreUnderTest,
} from '@ledger/testing';
import { ALL_PROJECTIONS } from '../all-projections.js';
import { searchEvents } from '../audit-trail/audit-trail.queries.js';
import type { AuditTrailTables } from '../audit-trail/audit-trail.tables.js';
import { getGrant } from '../grant-register/grant-register.queries.js';
import type { GrantRegisterTables } from '../grant-register/grant-register.tables.js';
import { getInnovator } from '../innovator-summary/innovator-summary.queries.js';
import type { InnovatorSummaryTables } from '../innovator-summary/innovator-summary.tables.js';
import { funnel } from '../introduction-funnel/introduction-funnel.queries.js';
import type { IntroductionFunnelTables } from '../introduction-funnel/introduction-funnel.tables.js';
import { impactFacts } from '../programme-impact/programme-impact.queries.js';
import type { ProgrammeImpactTables } from '../programme-impact/programme-impact.tables.js';
import { rebuildPostgresProjections } from '../rebuild/postgres/postgres-rebuild.js';
import { rebuildProjections } from '../rebuild/rebuild-projections.js';
import { ProjectionRunner } from '../runner/projection-runner.js';
import { localIdentities } from './event-identities.js';
import {
  eventsOf,
  INNOVATORS,
  PROGRAMME_ID,
  sharedLocalIdsLedger,
  toNewEvent,
} from './shared-local-ids.fixture.js';

// ADR 0017: every read-model key follows the deciders' identity rule. Two streams may share a local
// id (an income id, a payment id, a forecast's as-of date), so every projection must apply such a
// ledger on every path it has, and count both streams' facts.

const ledger = sharedLocalIdsLedger();
const names = ALL_PROJECTIONS.map((projection) => projection.name);
const onSqlite = readStoreUnderTest() === 'sqlite';
const quiet = { log: () => undefined, error: () => undefined };
const sum = (amounts: readonly number[]): number => amounts.reduce((a, b) => a + b, 0);

/** The read store seen as one read model's tables (Kysely's database type is invariant). */
type Model = <Tables>() => Kysely<Tables>;

/** What each projection's own queries must answer of the ledger: both streams, each counted once. */
const FIGURES: Readonly<Record<string, (db: Model) => Promise<void>>> = {
  'grant-register': async (db) => {
    for (const { data } of eventsOf(ledger, 'GrantAwarded')) {
      const paid = eventsOf(ledger, 'GrantPaymentMade').filter((p) => p.data.grantId === data.grantId);
      expect(await getGrant(db<GrantRegisterTables>(), data.grantId)).toMatchObject({
        amountPaid: sum(paid.map((p) => p.data.amount)),
      });
    }
  },
  'innovator-summary': async (db) => {
    for (const innovatorId of INNOVATORS) {
      const income = eventsOf(ledger, 'IncomeReported').filter((e) => e.data.innovatorId === innovatorId);
      const grants = eventsOf(ledger, 'GrantAwarded').filter((e) => e.data.innovatorId === innovatorId);
      const paid = eventsOf(ledger, 'GrantPaymentMade').filter((p) =>
        grants.some((grant) => grant.data.grantId === p.data.grantId),
      );
      const forecast = eventsOf(ledger, 'RevenueForecastRecorded').find(
        (e) => e.data.innovatorId === innovatorId,
      );
      expect(await getInnovator(db<InnovatorSummaryTables>(), innovatorId)).toMatchObject({
        income: sum(income.map((e) => e.data.amount)),
        amountPaid: sum(paid.map((p) => p.data.amount)),
        forecast: forecast?.data.amount,
      });
    }
  },
  'audit-trail': async (db) => {
    const { items } = await searchEvents(db<AuditTrailTables>(), { limit: 500 });
    expect(items.map((item) => [item.stream, item.type])).toEqual(
      ledger.map(({ stream, event }) => [stream, event.type]),
    );
  },
  'introduction-funnel': async (db) => {
    const [total] = await funnel(db<IntroductionFunnelTables>(), { programmeId: PROGRAMME_ID, by: 'total' });
    expect(total?.introductions).toBe(eventsOf(ledger, 'IntroductionMade').length);
  },
  'programme-impact': async (db) => {
    const facts = await impactFacts(db<ProgrammeImpactTables>(), PROGRAMME_ID, {
      from: '2017-01-01',
      to: '2019-12-31',
    });
    const amounts = (list: readonly { amount: number }[]) => sum(list.map((item) => Number(item.amount)));
    expect(facts?.income).toHaveLength(eventsOf(ledger, 'IncomeReported').length);
    expect(amounts(facts?.income ?? [])).toBe(
      sum(eventsOf(ledger, 'IncomeReported').map((e) => e.data.amount)),
    );
    expect(amounts(facts?.forecasts ?? [])).toBe(
      sum(eventsOf(ledger, 'RevenueForecastRecorded').map((e) => e.data.amount)),
    );
    expect(sum((facts?.grants ?? []).map((grant) => Number(grant.paid)))).toBe(
      sum(eventsOf(ledger, 'GrantPaymentMade').map((e) => e.data.amount)),
    );
  },
};

/** How many events of the ledger a projection takes in. */
const handledBy = (name: string): number => {
  const types = ALL_PROJECTIONS.find((projection) => projection.name === name)?.eventTypes ?? [];
  return ledger.filter(({ event }) => types.includes(event.type)).length;
};

let dir: string;
let events: SqliteEventStore;
let head: Position;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ledger-shared-ids-'));
  events = openSqliteEventStore({ file: join(dir, 'events.sqlite') });
  for (const { stream, event } of ledger) await events.appendToStream(stream, 'any', [toNewEvent(event)]);
  head = (await events.headPosition()) as Position;
}, 30_000);
afterAll(async () => {
  await events.close();
  await rm(dir, { recursive: true, force: true });
});

test('given the catalogue of local ids, when the ledger is built, then two streams share every one of them', () => {
  for (const { type, field } of localIdentities()) {
    const streamsByValue = new Map<unknown, Set<string>>();
    for (const { stream, event } of ledger.filter((e) => e.event.type === type)) {
      const value = (event.data as Record<string, unknown>)[field];
      streamsByValue.set(value, (streamsByValue.get(value) ?? new Set()).add(stream));
    }
    const widest = Math.max(0, ...[...streamsByValue.values()].map((streams) => streams.size));
    expect({ type, field, streams: widest }).toEqual({ type, field, streams: 2 });
  }
});

/** Each projection: applied every event it takes, up to the head, without failing. */
type Outcome = Readonly<
  Record<string, { readonly position?: string; readonly applied?: number; readonly error?: unknown }>
>;

/** Runs every projection with a runner on `store` until each reached the head or failed. */
async function project(store: ReadStore<unknown>): Promise<Outcome> {
  const runner = new ProjectionRunner(events, store, ALL_PROJECTIONS, { logger: quiet });
  try {
    await runner.start();
    // One at a time: waitFor answers false at once for a failed one, and the others go on.
    for (const name of names) await runner.waitFor(head, [name], 20_000);
    const statuses = await runner.status();
    return Object.fromEntries(
      statuses.map((s) => [s.name, { position: s.position, applied: s.eventsApplied, error: s.error }]),
    );
  } finally {
    await runner.stop();
  }
}

/** Each path a projection is applied by, with the store it leaves and what each projection did. */
interface Path {
  readonly name: string;
  readonly build: () => Promise<{ readonly store: ReadStore<unknown>; readonly outcome: Outcome }>;
}

const PATHS: readonly Path[] = [
  ...(onSqlite
    ? [
        {
          name: 'live on SQLite through the fast path (sqliteBatch)',
          build: async () => {
            const store = openSqliteReadStore<unknown>({ file: ':memory:' });
            return { store, outcome: await project(store) };
          },
        },
        {
          name: 'rebuilt on SQLite (shadow file, fast path)',
          build: async () => {
            const file = join(dir, `rebuilt-${randomUUID()}.sqlite`);
            const results = await rebuildProjections(events, file, ALL_PROJECTIONS, names);
            const outcome = Object.fromEntries(
              results.map((r) => [
                r.name,
                { position: r.position, applied: handledBy(r.name), error: r.error },
              ]),
            );
            return { store: openSqliteReadStore<unknown>({ file }), outcome };
          },
        },
      ]
    : [
        {
          name: 'rebuilt on PostgreSQL (shadow schema)',
          build: async () => {
            const schema = `keys_${randomUUID().replaceAll('-', '')}`;
            const target = { connectionString: postgresTestUrl(), schema };
            const results = await rebuildPostgresProjections(events, target, ALL_PROJECTIONS, names);
            const outcome = Object.fromEntries(
              results.map((r) => [
                r.name,
                { position: r.position, applied: handledBy(r.name), error: r.error },
              ]),
            );
            return { store: openPostgresTestReadStore<unknown>(schema), outcome };
          },
        },
      ]),
  {
    name: `live on ${onSqlite ? 'SQLite' : 'PostgreSQL'} through the handlers (Kysely)`,
    build: async () => {
      const store = openTestReadStore<unknown>();
      return { store, outcome: await project({ ...store, synchronously: undefined }) };
    },
  },
];

describe.each(PATHS)('$name', ({ build }) => {
  let store: ReadStore<unknown>;
  let outcome: Outcome;
  beforeAll(async () => ({ store, outcome } = await build()), 120_000);
  afterAll(() => store.close());

  test.each(names)(
    'given two streams sharing every local id, when %s applies the ledger, then it applies every event and its figures count both streams',
    async (name) => {
      expect(outcome[name]).toEqual({ position: head, applied: handledBy(name), error: undefined });
      const figures = FIGURES[name];
      expect(figures).toBeDefined();
      await figures?.(<Tables>() => store.db as unknown as Kysely<Tables>);
    },
  );
});
