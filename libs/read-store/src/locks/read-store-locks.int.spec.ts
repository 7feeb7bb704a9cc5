import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import type { ReadStore } from '../read-store.js';
import { openSqliteExclusiveWriter, type SqliteExclusiveWriter } from '../sqlite/sqlite-exclusive-writer.js';
import { openSqliteReadStore } from '../sqlite/sqlite-read-store.js';
import {
  type LockOwner,
  lockOwner,
  READ_STORE_LOCK_MIGRATIONS,
  type ReadStoreLockTables,
  readLiveLocks,
  releaseLock,
  renewLock,
  tryAcquireLock,
} from './read-store-locks.js';

const NOW = new Date('2026-01-05T10:00:00.000Z');
const TTL_MS = 60_000;
const elsewhere: LockOwner = { id: 'run-elsewhere', host: 'another-host', pid: 1 };

describe('read store locks', () => {
  let dir: string;
  let store: ReadStore<ReadStoreLockTables>;
  let writer: SqliteExclusiveWriter<ReadStoreLockTables>;
  const acquire = (owner: LockOwner, now = NOW) =>
    writer.write((trx) =>
      tryAcquireLock(trx, { name: 'projection:x', owner, purpose: 'rebuild', ttlMs: TTL_MS, now }),
    );

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-locks-'));
    store = openSqliteReadStore({ file: join(dir, 'read.sqlite') });
    await store.migrate(READ_STORE_LOCK_MIGRATIONS);
    writer = openSqliteExclusiveWriter(join(dir, 'read.sqlite'));
  });
  afterEach(async () => {
    writer.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('given a lock held by a live owner, when another asks, then it is refused with the holder; released, it is taken', async () => {
    const mine = lockOwner('mine');
    expect(await acquire(mine)).toEqual({ acquired: true });

    const refused = await acquire(elsewhere);
    await writer.write((trx) => releaseLock(trx, 'projection:x', mine));
    const after = await acquire(elsewhere);

    expect(refused).toMatchObject({
      acquired: false,
      holder: { id: 'mine', pid: process.pid, purpose: 'rebuild' },
    });
    expect(after).toEqual({ acquired: true });
    expect(await readLiveLocks(store.db, NOW)).toMatchObject([
      { name: 'projection:x', host: 'another-host' },
    ]);
  });

  test('given a lock whose holder stopped renewing, when the expiry has passed, then another takes it over and the first can no longer renew', async () => {
    await acquire(elsewhere);
    const later = new Date(NOW.getTime() + TTL_MS + 1);

    expect(await acquire(lockOwner('successor'), later)).toEqual({ acquired: true });
    expect(await writer.write((trx) => renewLock(trx, 'projection:x', elsewhere, later))).toBe(false);
  });

  test('given a lock held by a process of this host that is gone, when asked, then it is taken at once', async () => {
    await acquire({ id: 'killed', host: lockOwner('x').host, pid: 2 ** 22 + 7 });

    expect(await acquire(lockOwner('next'))).toEqual({ acquired: true });
  });
});
