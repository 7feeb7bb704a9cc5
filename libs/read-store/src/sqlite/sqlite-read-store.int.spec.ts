import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import Database from 'better-sqlite3';
import type { Kysely, Migration } from 'kysely';
import type { ReadStore } from '../read-store.js';
import type { SyncStatements } from './sync-statements.js';
import { openSqliteReadStore } from './sqlite-read-store.js';

interface Tables {
  notes: { id: string; body: string };
  tags: { name: string };
}

/** A migration that records its name in `ran`, so a test can see what ran and in what order. */
function recording(ran: string[], name: string, up?: (db: Kysely<unknown>) => Promise<void>): Migration {
  return {
    up: async (db) => {
      ran.push(name);
      await up?.(db);
    },
  };
}

const createNotes = recording([], 'notes', async (db) => {
  await db.schema
    .createTable('notes')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('body', 'text', (col) => col.notNull())
    .execute();
});

describe('sqlite read store', () => {
  let dir: string;
  let file: string;
  const opened: ReadStore<Tables>[] = [];
  const open = (): ReadStore<Tables> => {
    const store = openSqliteReadStore<Tables>({ file });
    opened.push(store);
    return store;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-read-store-'));
    file = join(dir, 'nested', 'data', 'read.sqlite');
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await rm(dir, { recursive: true, force: true });
  });

  test('given a file in folders that do not exist, when opened, then the folders are created and the file is in WAL mode', async () => {
    const store = open();
    await store.migrate({ 'notes-0001': createNotes });
    await store.close();

    const raw = new Database(file);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    expect(store.dialect).toBe('sqlite');
  });

  test('given rows written, when the store is closed and reopened, then they are still there', async () => {
    const first = open();
    await first.migrate({ 'notes-0001': createNotes });
    await first.db.insertInto('notes').values({ id: 'n1', body: 'kept' }).execute();
    await first.close();

    const rows = await open().db.selectFrom('notes').selectAll().execute();

    expect(rows).toEqual([{ id: 'n1', body: 'kept' }]);
  });

  test('given migrations, when migrated twice, then each runs once, in name order, recorded in read_migrations', async () => {
    const store = open();
    const ran: string[] = [];
    const migrations = { 'b-0001': recording(ran, 'b-0001'), 'a-0001': recording(ran, 'a-0001') };

    await store.migrate(migrations);
    await store.migrate(migrations);

    expect(ran).toEqual(['a-0001', 'b-0001']);
    const tables = await store.db.introspection.getTables({ withInternalKyselyTables: true });
    expect(tables.map((table) => table.name)).toEqual(
      expect.arrayContaining(['read_migrations', 'read_migrations_lock']),
    );
  });

  test('given migrations applied earlier, when migrating a subset with a name sorting before them, then the new one runs and nothing fails', async () => {
    const store = open();
    const ran: string[] = [];
    await store.migrate({
      'runner-0001': recording(ran, 'runner-0001'),
      'zeta-0001': recording(ran, 'zeta-0001'),
    });

    await store.migrate({ 'alpha-0001': recording(ran, 'alpha-0001') });

    expect(ran).toEqual(['runner-0001', 'zeta-0001', 'alpha-0001']);
  });

  test('given a migration that throws, when migrating, then the error names it and the batch is rolled back', async () => {
    const store = open();
    const failing: Migration = { up: () => Promise.reject(new Error('column clash')) };

    const migrating = store.migrate({ 'notes-0001': createNotes, 'notes-0002': failing });

    await expect(migrating).rejects.toThrow('Read store migration notes-0002 failed: column clash');
    const tables = await store.db.introspection.getTables();
    expect(tables.map((table) => table.name)).not.toContain('notes');
  });

  test('given an open store, when closed twice, then the second close is a no-op', async () => {
    const store = open();

    await store.close();

    await expect(store.close()).resolves.toBeUndefined();
  });

  test('given a path that cannot be a file, when opened, then the error names the file', () => {
    expect(() => openSqliteReadStore({ file: dir })).toThrow(`Cannot open the read store ${dir}`);
  });
});

describe('sqlite read store statement cache', () => {
  let dir: string;
  let store: ReadStore<Tables>;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-read-store-cache-'));
    store = openSqliteReadStore<Tables>({ file: join(dir, 'read.sqlite') });
    await store.migrate({ 'notes-0001': createNotes });
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('given a query run before the table changed shape, when run again, then it sees the new shape', async () => {
    const all = () => store.db.selectFrom('notes').selectAll().execute();
    await store.db.insertInto('notes').values({ id: 'n1', body: 'first' }).execute();
    expect(await all()).toEqual([{ id: 'n1', body: 'first' }]);

    await store.migrate({
      'notes-0002': { up: (db) => db.schema.alterTable('notes').addColumn('tag', 'text').execute() },
    });

    expect(await all()).toEqual([{ id: 'n1', body: 'first', tag: null }]);
  });

  test('given a table dropped and recreated, when the same insert and select run, then they work on the new table', async () => {
    const insert = (id: string) => store.db.insertInto('notes').values({ id, body: id }).execute();
    await insert('old');

    await store.migrate({
      'notes-0002': {
        up: async (db) => {
          await db.schema.dropTable('notes').execute();
          await createNotes.up(db);
        },
      },
    });
    await insert('new');

    expect(await store.db.selectFrom('notes').select('id').execute()).toEqual([{ id: 'new' }]);
  });
});

describe('sqlite read store residue', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-read-store-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('given rows deleted and overwritten, when the residue is wiped, then their text is in neither the file nor its WAL, and the WAL is empty', async () => {
    const file = join(dir, 'read.sqlite');
    const store = openSqliteReadStore<Tables>({ file });
    await store.migrate({ '0001-notes': createNotes });
    const bodies = ['first note', 'Cornelius Ashdown-Pettigrew', 'third note'];
    await store.db
      .insertInto('notes')
      .values(bodies.map((body, i) => ({ id: `n${i}`, body })))
      .execute();
    await store.db
      .updateTable('notes')
      .set({ body: 'Araminta Blenkinsop-Vole, erased' })
      .where('id', '=', 'n0')
      .execute();
    await store.db.updateTable('notes').set({ body: 'erased' }).where('id', '=', 'n0').execute();
    await store.db.deleteFrom('notes').where('id', '=', 'n1').execute();

    expect(await store.wipeResidue?.()).toBe(true);

    const bytes = Buffer.concat([readFileSync(file), readFileSync(`${file}-wal`)]);
    expect(bytes.includes(Buffer.from('Cornelius Ashdown-Pettigrew'))).toBe(false);
    expect(bytes.includes(Buffer.from('Araminta Blenkinsop-Vole'))).toBe(false);
    expect(bytes.includes(Buffer.from('third note'))).toBe(true);
    expect(readFileSync(`${file}-wal`)).toHaveLength(0);
    await store.close();
  });
});

describe('sqlite read store synchronously', () => {
  let dir: string;
  let file: string;
  const opened: ReadStore<Tables>[] = [];
  const open = (): ReadStore<Tables> => {
    const store = openSqliteReadStore<Tables>({ file });
    opened.push(store);
    return store;
  };
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-read-store-'));
    file = join(dir, 'read.sqlite');
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await rm(dir, { recursive: true, force: true });
  });

  /** A promise the test settles itself, to hold a Kysely transaction open across awaits. */
  const gate = (): { opened: Promise<void>; open: () => void } => {
    let open = (): void => undefined;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { opened, open };
  };
  const synchronously = (store: ReadStore<Tables>) => {
    if (store.synchronously === undefined) throw new Error('the embedded store has synchronously');
    return store.synchronously;
  };

  test('given a Kysely transaction open across awaits, when synchronous work is asked for, then it runs only after that transaction committed, and sees its rows', async () => {
    const store = open();
    await store.migrate({ 'notes-0001': createNotes });
    const held = gate();
    const order: string[] = [];
    const transaction = store.db.transaction().execute(async (trx) => {
      await trx.insertInto('notes').values({ id: 'k1', body: 'from kysely' }).execute();
      await held.opened;
      order.push('kysely commits');
    });
    // Let the transaction begin and write before the synchronous work is asked for.
    await new Promise((resolve) => setImmediate(resolve));

    const work = synchronously(store)((sql) => {
      order.push('sync runs');
      sql.begin();
      const seen = sql.all<{ id: string }>('select id from notes order by id').map((row) => row.id);
      sql.run('insert into notes (id, body) values (?, ?)', 's1', 'from sync');
      sql.commit();
      return seen;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual([]);
    held.open();

    expect(await work).toEqual(['k1']);
    await transaction;
    expect(order).toEqual(['kysely commits', 'sync runs']);
    expect(await store.db.selectFrom('notes').select('id').orderBy('id').execute()).toEqual([
      { id: 'k1' },
      { id: 's1' },
    ]);
  });

  test('given a controlled Kysely transaction, when synchronous work is asked for, then it waits for its rollback', async () => {
    const store = open();
    await store.migrate({ 'notes-0001': createNotes });
    const trx = await store.db.startTransaction().execute();
    await trx.insertInto('notes').values({ id: 'k1', body: 'rolled back' }).execute();
    let ran = false;

    const work = synchronously(store)((sql) => {
      ran = true;
      return sql.inTransaction;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ran).toBe(false);
    await trx.rollback().execute();

    expect(await work).toBe(false);
    expect(await store.db.selectFrom('notes').selectAll().execute()).toEqual([]);
  });

  test('given work that throws or returns with its transaction open, when it ends, then the transaction is rolled back and Kysely goes on', async () => {
    const store = open();
    await store.migrate({ 'notes-0001': createNotes });
    const write = (id: string) => (sql: SyncStatements) => {
      sql.begin();
      sql.run('insert into notes (id, body) values (?, ?)', id, 'never committed');
    };

    await expect(
      synchronously(store)((sql) => {
        write('t1')(sql);
        throw new Error('half-way');
      }),
    ).rejects.toThrow('half-way');
    await expect(synchronously(store)(write('t2'))).rejects.toThrow('left its transaction open');

    expect(await store.db.selectFrom('notes').selectAll().execute()).toEqual([]);
    await store.db.transaction().execute(async (trx) => {
      await trx.insertInto('notes').values({ id: 'k1', body: 'after' }).execute();
    });
    expect(await store.db.selectFrom('notes').select('id').execute()).toEqual([{ id: 'k1' }]);
  });

  test('given synchronous work, when it begins, then it holds the write lock at once (no stale snapshot at its first write)', async () => {
    const store = open();
    await store.migrate({ 'notes-0001': createNotes });
    const other = new Database(file, { timeout: 0 });

    const otherWrite = await synchronously(store)((sql) => {
      sql.begin();
      try {
        other.exec('begin immediate');
        other.exec('rollback');
        return 'took the lock';
      } catch (error) {
        return (error as { code?: string }).code;
      } finally {
        sql.rollback();
      }
    });

    expect(otherWrite).toBe('SQLITE_BUSY');
    other.close();
  });
});
