import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { openSqliteEventStore, type Position, type SqliteEventStore } from '@ledger/event-store';
import type { ReadStore } from '@ledger/read-store';
import { openTestReadStore } from '@ledger/testing';
import { anyProjection } from '../registry.js';
import { sharedLocalIdsLedger, toNewEvent } from '../read-model-keys/shared-local-ids.fixture.js';
import { ProjectionRunner } from '../runner/projection-runner.js';
import { programmeImpactMigrations } from './programme-impact.migrations.js';
import { programmeImpactProjection } from './programme-impact.projection.js';
import type { ProgrammeImpactTables } from './programme-impact.tables.js';

const quiet = { log: () => undefined, error: () => undefined };

/** The projection as released before 0002: `impact_income` keyed by `income_id` alone. */
const released = anyProjection({
  ...programmeImpactProjection,
  migrations: Object.fromEntries(
    Object.entries(programmeImpactMigrations).filter(([name]) => name.startsWith('programme-impact-0001')),
  ),
});

describe('programme-impact migrations', () => {
  let dir: string;
  let events: SqliteEventStore;
  let store: ReadStore<ProgrammeImpactTables>;
  let head: Position;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-impact-migrations-'));
    events = openSqliteEventStore({ file: join(dir, 'events.sqlite') });
    for (const { stream, event } of sharedLocalIdsLedger()) {
      await events.appendToStream(stream, 'any', [toNewEvent(event)]);
    }
    head = (await events.headPosition()) as Position;
    store = openTestReadStore<ProgrammeImpactTables>({ file: join(dir, 'read.sqlite') });
  }, 20_000);
  afterEach(async () => {
    await store.close();
    await events.close();
    await rm(dir, { recursive: true, force: true });
  });

  const run = async (projection: typeof released) => {
    const runner = new ProjectionRunner(events, store, [projection], { logger: quiet });
    await runner.start();
    await runner.waitFor(head, undefined, 20_000);
    const [status] = await runner.status();
    await runner.stop();
    return status;
  };

  const SLOW_MS = 20_000;

  test(
    'given a read store of the released schema stopped where a second innovator reused an income id, when the api starts with 0002, then the rows are kept and the projection applies the rest without a rebuild',
    async () => {
      const stopped = await run(released);
      expect(stopped).toMatchObject({
        status: 'failed',
        error: { eventType: 'IncomeReported', message: expect.stringMatching(/unique|duplicate/i) },
      });
      const before = await store.db.selectFrom('impact_income').selectAll().execute();

      const resumed = await run(anyProjection(programmeImpactProjection));

      expect(resumed).toMatchObject({ status: 'running', position: head });
      expect(resumed?.error).toBeUndefined();
      const after = await store.db
        .selectFrom('impact_income')
        .select(['innovator_id', 'income_id'])
        .orderBy('innovator_id')
        .execute();
      expect(before.map((row) => row.innovator_id)).toEqual(['inn-a']);
      expect(after).toEqual([
        { innovator_id: 'inn-a', income_id: 'income-1' },
        { innovator_id: 'inn-b', income_id: 'income-1' },
      ]);
    },
    SLOW_MS,
  );

  test(
    'given the table keyed by innovator and income id, when one innovator reports one income id twice, then the store refuses it as the decider does',
    async () => {
      await store.migrate(programmeImpactMigrations);
      const row = {
        ...{ income_id: 'income-1', innovator_id: 'inn-a', programme_id: 'iep', amount: 100 },
        ...{ source: 'earned', attributable: 1, period_start: '2018-04-01', period_end: '2018-09-30' },
      };
      await store.db.insertInto('impact_income').values(row).execute();

      // By message: better-sqlite3's SqliteError does not always pass jest's cross-realm Error check.
      const repeated = await store.db
        .insertInto('impact_income')
        .values(row)
        .execute()
        .then(
          () => 'stored',
          (error: unknown) => (error as Error).message,
        );
      expect(repeated).toMatch(/unique|duplicate/i);
      await store.db
        .insertInto('impact_income')
        .values({ ...row, innovator_id: 'inn-b' })
        .execute();
      expect(await store.db.selectFrom('impact_income').select('innovator_id').execute()).toHaveLength(2);
    },
    SLOW_MS,
  );
});
