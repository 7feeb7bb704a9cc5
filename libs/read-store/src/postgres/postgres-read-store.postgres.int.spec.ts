import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, test } from '@jest/globals';
import { type Kysely, type Migration, sql } from 'kysely';
import { openPostgresTestReadStore, postgresTestUrl } from '@ledger/testing';
import type { ReadStore } from '../read-store.js';
import { openPostgresReadStore } from './postgres-read-store.js';

interface Tables {
  ledger_totals: { id: string; pence: number };
}

/** A migration that counts its runs, so a test can see it ran once however many processes asked. */
function createTotals(runs: { count: number }): Migration {
  return {
    up: async (db: Kysely<unknown>) => {
      runs.count += 1;
      await db.schema
        .createTable('ledger_totals')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('pence', 'bigint', (col) => col.notNull())
        .execute();
    },
  };
}

describe('postgres read store', () => {
  const opened: ReadStore<Tables>[] = [];
  const open = (schema = `test_${randomUUID().replaceAll('-', '')}`): ReadStore<Tables> => {
    const store = openPostgresTestReadStore<Tables>(schema);
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  test('given two stores in schemas of their own, when each writes the same table, then each reads only its own rows', async () => {
    const [first, second] = [open(), open()];
    await first.migrate({ 'totals-0001': createTotals({ count: 0 }) });
    await second.migrate({ 'totals-0001': createTotals({ count: 0 }) });

    await first.db.insertInto('ledger_totals').values({ id: 'a', pence: 1 }).execute();
    await second.db.insertInto('ledger_totals').values({ id: 'b', pence: 2 }).execute();

    expect(first.dialect).toBe('postgres');
    expect(await first.db.selectFrom('ledger_totals').selectAll().execute()).toEqual([{ id: 'a', pence: 1 }]);
    expect(await second.db.selectFrom('ledger_totals').selectAll().execute()).toEqual([
      { id: 'b', pence: 2 },
    ]);
  });

  test('given pence beyond 32 bits in bigint columns, when summed and counted, then the figures come back as exact numbers', async () => {
    const store = open();
    await store.migrate({ 'totals-0001': createTotals({ count: 0 }) });
    // £30m and £25m in pence: each past 2^31, as a large funder's totals are.
    await store.db
      .insertInto('ledger_totals')
      .values([
        { id: 'a', pence: 3_000_000_000 },
        { id: 'b', pence: 2_500_000_001 },
      ])
      .execute();

    const rows = await store.db.selectFrom('ledger_totals').select('pence').orderBy('id').execute();
    const totals = await store.db
      .selectFrom('ledger_totals')
      .select((eb) => [eb.fn.sum<number>('pence').as('total'), eb.fn.countAll<number>().as('count')])
      .executeTakeFirstOrThrow();

    expect(rows).toEqual([{ pence: 3_000_000_000 }, { pence: 2_500_000_001 }]);
    expect(totals).toEqual({ total: 5_500_000_001, count: 2 });
  });

  test('given a value past 2^53 pence, when read, then the read refuses rather than round', async () => {
    const store = open();
    await store.migrate({ 'totals-0001': createTotals({ count: 0 }) });
    await sql`insert into ledger_totals (id, pence) values ('huge', 9007199254740993)`.execute(store.db);

    await expect(store.db.selectFrom('ledger_totals').select('pence').execute()).rejects.toThrow(
      'beyond the integers a number holds exactly',
    );
  });

  test('given two processes opening one schema at once, when both migrate, then the migration runs once and both succeed', async () => {
    const schema = `test_${randomUUID().replaceAll('-', '')}`;
    const runs = { count: 0 };
    const stores = [
      open(schema),
      openPostgresReadStore<Tables>({ connectionString: postgresTestUrl(), schema }),
    ];
    try {
      await Promise.all(stores.map((store) => store.migrate({ 'totals-0001': createTotals(runs) })));
      await stores[1]?.db.insertInto('ledger_totals').values({ id: 'x', pence: 7 }).execute();

      expect(runs.count).toBe(1);
      expect(await stores[0]?.db.selectFrom('ledger_totals').select('pence').execute()).toEqual([
        { pence: 7 },
      ]);
    } finally {
      await stores[1]?.close();
    }
  });

  test('given a server that refuses connections, when migrating, then the error names the server without its password', async () => {
    const store = openPostgresReadStore<Tables>({
      connectionString: 'postgres://ledger:secret-password@127.0.0.1:1/ledger',
    });
    try {
      const failure = store.migrate({ 'totals-0001': createTotals({ count: 0 }) });

      await expect(failure).rejects.toThrow(
        'Cannot reach the PostgreSQL read store at postgres://ledger:***@127.0.0.1:1/ledger',
      );
      await expect(failure).rejects.not.toThrow('secret-password');
    } finally {
      await store.close();
    }
  });

  test('given a schema name that is not a plain name, when opening, then it is refused by name', () => {
    expect(() =>
      openPostgresReadStore<Tables>({ connectionString: postgresTestUrl(), schema: 'ledger; drop table x' }),
    ).toThrow('Read store schema "ledger; drop table x" is not a plain PostgreSQL name');
  });
});
