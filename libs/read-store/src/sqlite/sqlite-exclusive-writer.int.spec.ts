import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import type { ReadStore } from '../read-store.js';
import { openSqliteExclusiveWriter } from './sqlite-exclusive-writer.js';
import { openSqliteReadStore } from './sqlite-read-store.js';
import { replaceRowsFromAttached } from './sqlite-table-copy.js';

interface Tables {
  notes: { id: string; body: string };
}

const createNotes = {
  up: async (db: ReadStore<unknown>['db']) => {
    await db.schema
      .createTable('notes')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('body', 'text', (col) => col.notNull())
      .execute();
  },
};

describe('sqlite exclusive writer', () => {
  let dir: string;
  let live: ReadStore<Tables>;
  let other: ReadStore<Tables>;
  const notes = (store: ReadStore<Tables>) =>
    store.db.selectFrom('notes').selectAll().orderBy('id').execute();

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-exclusive-'));
    live = openSqliteReadStore<Tables>({ file: join(dir, 'live.sqlite') });
    other = openSqliteReadStore<Tables>({ file: join(dir, 'other.sqlite') });
    for (const store of [live, other]) await store.migrate({ 'notes-0001': createNotes });
    await live.db.insertInto('notes').values({ id: 'old', body: 'old' }).execute();
    await other.db
      .insertInto('notes')
      .values([
        { id: 'n1', body: 'new' },
        { id: 'n2', body: 'new' },
      ])
      .execute();
  });
  afterEach(async () => {
    await Promise.all([live.close(), other.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  test('given another file attached, when its rows replace the live ones, then the live table holds exactly them', async () => {
    const writer = openSqliteExclusiveWriter<Tables>(join(dir, 'live.sqlite'));

    const copied = await writer.write((trx) => replaceRowsFromAttached(trx, 'source', ['notes']), {
      attach: { file: join(dir, 'other.sqlite'), as: 'source' },
    });
    writer.close();

    expect(copied).toBe(2);
    expect(await notes(live)).toEqual([
      { id: 'n1', body: 'new' },
      { id: 'n2', body: 'new' },
    ]);
  });

  test('given a write lock held by another connection of this process across awaits, when writing, then it waits without blocking the holder and writes after it', async () => {
    const writer = openSqliteExclusiveWriter<Tables>(join(dir, 'live.sqlite'));
    let holderDone = false;
    const holding = live.db.transaction().execute(async (trx) => {
      await trx.insertInto('notes').values({ id: 'held', body: 'held' }).execute();
      await sleep(100);
      holderDone = true;
    });
    await sleep(10);

    const sawHolderDone = await writer.write((trx) => {
      trx.run(trx.db.insertInto('notes').values({ id: 'after', body: 'after' }).compile());
      return holderDone;
    });
    await holding;
    writer.close();

    expect(sawHolderDone).toBe(true);
    expect((await notes(live)).map((note) => note.id)).toEqual(['after', 'held', 'old']);
  });

  test('given work that throws, when writing, then nothing of it is committed and the error comes through', async () => {
    const writer = openSqliteExclusiveWriter<Tables>(join(dir, 'live.sqlite'));

    const writing = writer.write((trx) => {
      trx.run(trx.db.deleteFrom('notes').compile());
      throw new Error('changed my mind');
    });

    await expect(writing).rejects.toThrow('changed my mind');
    writer.close();
    expect(await notes(live)).toEqual([{ id: 'old', body: 'old' }]);
  });
});
