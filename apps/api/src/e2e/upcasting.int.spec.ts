import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  aggregateStream,
  commandStep,
  type EventMetadata,
  handleCommand,
  type NewEvent,
  openSqliteEventStore,
  type SqliteEventStore,
  UpcastingEventStore,
} from '@ledger/event-store';
import {
  createUpcasterChain,
  type Decider,
  type InnovatorCommand,
  type InnovatorEvent,
  type InnovatorState,
  innovatorDecider,
  pence,
  SCHEMA_VERSIONS,
  type Upcaster,
} from '@ledger/ledger-domain';
import {
  anyProjection,
  type AuditTrailTables,
  auditTrailProjection,
  entityHistory,
  getInnovator,
  type InnovatorSummaryTables,
  innovatorSummaryProjection,
  readModelsAt,
  rebuildProjections,
} from '@ledger/projections';
import { openSqliteReadStore } from '@ledger/read-store';

/**
 * SPEC §6 upcasting: IncomeReported was stored at version 1, before `attributableToProgramme`
 * existed. A test-only version 2 (production SCHEMA_VERSIONS stay as they are) defaults it to true,
 * as all income was then. Command handling, a projection built from scratch and the audit trail all
 * see version 2, while the stored rows stay version 1.
 */
const incomeV1ToV2: Upcaster = {
  type: 'IncomeReported',
  fromVersion: 1,
  toVersion: 2,
  upcast: (data) => ({ ...(data as object), attributableToProgramme: true }),
};
const chain = createUpcasterChain([incomeV1ToV2], { ...SCHEMA_VERSIONS, IncomeReported: 2 });

const STREAM = 'innovator-inn-up';
const metadata: EventMetadata = {
  actor: { id: 'pm-1', role: 'programme-manager' },
  commandId: 'seed',
  correlationId: 'seed',
  causationId: 'seed',
  source: 'import',
};
const v1 = (type: string, data: object): NewEvent => ({
  type,
  data,
  schemaVersion: 1,
  occurredAt: '2018-01-01T00:00:00.000Z',
  metadata,
});
const income = {
  innovatorId: 'inn-up',
  currency: 'GBP' as const,
  periodStart: '2018-01-01',
  periodEnd: '2018-03-31',
};

const projections = [anyProjection(innovatorSummaryProjection), anyProjection(auditTrailProjection)];

describe('upcasting: version-1 events read as version 2 on every read path', () => {
  let dir: string;
  let raw: SqliteEventStore;
  let store: UpcastingEventStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-upcasting-'));
    raw = openSqliteEventStore({ file: join(dir, 'events.sqlite') });
    store = new UpcastingEventStore(raw, chain);
    await raw.appendToStream(STREAM, 'no-stream', [
      v1('InnovatorEnrolled', {
        innovatorId: 'inn-up',
        programmeId: 'iep',
        name: 'Upcast Ltd',
        registrationNumber: '0001',
        challengeArea: 'Loneliness',
        enrolledOn: '2017-10-01',
      }),
      v1('IncomeReported', { ...income, incomeId: 'inc-1', amount: 400_000, source: 'earned' }),
    ]);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given version-1 income stored, when a command is handled, then the decider folds version 2 and the new event is written as version 2', async () => {
    const folded: InnovatorEvent[] = [];
    const decider: Decider<InnovatorState, InnovatorCommand, InnovatorEvent> = {
      ...innovatorDecider,
      evolve: (state, event) => {
        folded.push(event);
        return innovatorDecider.evolve(state, event);
      },
    };
    const data = {
      ...income,
      incomeId: 'inc-2',
      amount: pence(100_000),
      source: 'grant' as const,
      attributableToProgramme: false,
    };

    await handleCommand(
      store,
      () => [
        commandStep({ stream: STREAM, decider, command: () => ({ type: 'ReportIncome' as const, data }) }),
      ],
      {
        context: { now: '2018-06-01T00:00:00.000Z' },
        metadata: { ...metadata, commandId: 'report-inc-2', source: 'api' },
        occurredAt: () => '2018-03-31T00:00:00.000Z',
        schemaVersion: (type) => chain.currentVersion(type) ?? 1,
        commandId: 'report-inc-2',
        fingerprint: 'report-inc-2',
      },
    );

    expect(folded.find((e) => e.type === 'IncomeReported')?.data).toMatchObject({
      incomeId: 'inc-1',
      attributableToProgramme: true,
    });
    const { events, state } = {
      ...(await store.readStream(STREAM)),
      ...(await aggregateStream(store, STREAM, innovatorDecider)),
    };
    expect(events.map((e) => [e.type, e.schemaVersion])).toEqual([
      ['InnovatorEnrolled', 1],
      ['IncomeReported', 2],
      ['IncomeReported', 2],
    ]);
    expect(state).toMatchObject({ status: 'enrolled', incomeIds: ['inc-1', 'inc-2'] });
    const stored = (await raw.readStream(STREAM)).events;
    expect(stored.map((e) => e.schemaVersion)).toEqual([1, 1, 2]);
    expect(stored[1]?.data).not.toHaveProperty('attributableToProgramme');
  });

  it('given version-1 income stored, when a projection is built from scratch over the upcasting store, then it counts the income as attributable', async () => {
    const head = await store.headPosition();

    const upcast = await readModelsAt<InnovatorSummaryTables>(store, projections, head);
    const unread = await readModelsAt<InnovatorSummaryTables>(raw, projections, head);
    try {
      expect(await getInnovator(upcast.readStore.db, 'inn-up')).toMatchObject({
        income: 500_000,
        incomeAttributable: 400_000,
      });
      // Read raw, version 1 lacks the flag, and the income would silently not count.
      expect(await getInnovator(unread.readStore.db, 'inn-up')).toMatchObject({
        income: 500_000,
        incomeAttributable: 0,
      });
    } finally {
      await upcast.readStore.close();
      await unread.readStore.close();
    }
  });

  it('given version-1 income stored, when the innovator summary is rebuilt over the upcasting store, then the rebuilt model sees version 2', async () => {
    const file = join(dir, 'read-rebuild.sqlite');

    const results = await rebuildProjections(store, file, projections, [innovatorSummaryProjection.name]);

    expect(results.map((r) => [r.name, r.status])).toEqual([[innovatorSummaryProjection.name, 'Success']]);
    const readStore = openSqliteReadStore<InnovatorSummaryTables>({ file });
    try {
      expect(await getInnovator(readStore.db, 'inn-up')).toMatchObject({
        income: 500_000,
        incomeAttributable: 400_000,
      });
    } finally {
      await readStore.close();
    }
  });

  it('given version-1 income stored, when the audit trail shows the innovator’s history, then the event stands at version 2 with the defaulted flag', async () => {
    const { readStore } = await readModelsAt<AuditTrailTables>(
      store,
      projections,
      await store.headPosition(),
    );
    try {
      const history = await entityHistory(readStore.db, STREAM);
      const first = history.find((entry) => entry.type === 'IncomeReported');
      expect(first).toMatchObject({
        schemaVersion: 2,
        data: { incomeId: 'inc-1', attributableToProgramme: true },
      });
    } finally {
      await readStore.close();
    }
    const stored = (await raw.readStream(STREAM)).events[1];
    expect(stored).toMatchObject({ schemaVersion: 1, data: { incomeId: 'inc-1' } });
  });
});
