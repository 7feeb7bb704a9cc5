import { hostname } from 'node:os';
import type { Kysely, Migration } from 'kysely';
import type { SyncTransaction } from '../sqlite/sqlite-exclusive-writer.js';

export interface ReadStoreLocksTable {
  name: string;
  owner_id: string;
  owner_host: string;
  owner_pid: number;
  /** What the owner is doing, for the message that refuses someone else ("rebuild"). */
  purpose: string;
  /** ISO 8601. */
  acquired_at: string;
  /** ISO 8601: past this, the owner is presumed dead and the lock may be taken over. */
  expires_at: string;
}

export interface ReadStoreLockTables {
  read_store_locks: ReadStoreLocksTable;
}

export const READ_STORE_LOCK_MIGRATIONS: Readonly<Record<string, Migration>> = {
  'read-store-0001-locks': {
    up: async (db: Kysely<unknown>) => {
      await db.schema
        .createTable('read_store_locks')
        .addColumn('name', 'varchar(200)', (col) => col.primaryKey())
        .addColumn('owner_id', 'varchar(64)', (col) => col.notNull())
        .addColumn('owner_host', 'varchar(255)', (col) => col.notNull())
        .addColumn('owner_pid', 'integer', (col) => col.notNull())
        .addColumn('purpose', 'varchar(64)', (col) => col.notNull())
        .addColumn('acquired_at', 'text', (col) => col.notNull())
        .addColumn('expires_at', 'text', (col) => col.notNull())
        .execute();
    },
  },
};

/** Who holds a lock: one run of one process. */
export interface LockOwner {
  readonly id: string;
  readonly host: string;
  readonly pid: number;
}

export interface LockHolder extends LockOwner {
  readonly name: string;
  readonly purpose: string;
  readonly acquiredAt: string;
  readonly expiresAt: string;
}

export interface LockRequest {
  readonly name: string;
  readonly owner: LockOwner;
  readonly purpose: string;
  readonly ttlMs: number;
  readonly now: Date;
}

export type LockOutcome =
  { readonly acquired: true } | { readonly acquired: false; readonly holder: LockHolder };

type LockTransaction = SyncTransaction<ReadStoreLockTables>;

/** An owner for this process, unique to the call: two runs in one process are two owners. */
export function lockOwner(id: string): LockOwner {
  return { id, host: hostname(), pid: process.pid };
}

/**
 * Takes the lock `name` unless someone alive holds it. A holder is presumed dead once its lock has
 * expired (it stopped renewing) or, on this host, once its process is gone: a run killed with
 * SIGKILL never releases, and its successor should not have to wait out the expiry.
 *
 * @example
 * const outcome = await writer.write((trx) => tryAcquireLock(trx, { name, owner, purpose: 'rebuild', ttlMs, now }));
 * if (!outcome.acquired) refuse(outcome.holder);
 */
export function tryAcquireLock(trx: LockTransaction, request: LockRequest): LockOutcome {
  const { name, owner, purpose, ttlMs, now } = request;
  const current = trx.all(
    trx.db.selectFrom('read_store_locks').selectAll().where('name', '=', name).compile(),
  )[0];
  if (current !== undefined && !isStale(current, now)) return { acquired: false, holder: holderOf(current) };
  const row: ReadStoreLocksTable = {
    name,
    owner_id: owner.id,
    owner_host: owner.host,
    owner_pid: owner.pid,
    purpose,
    acquired_at: now.toISOString(),
    expires_at: new Date(now.getTime() + ttlMs).toISOString(),
  };
  const upsert = trx.db
    .insertInto('read_store_locks')
    .values(row)
    .onConflict((conflict) => conflict.column('name').doUpdateSet(row));
  trx.run(upsert.compile());
  return { acquired: true };
}

/** Pushes the expiry of a lock this owner holds; false when it no longer holds it. */
export function renewLock(trx: LockTransaction, name: string, owner: LockOwner, expiresAt: Date): boolean {
  const renew = trx.db
    .updateTable('read_store_locks')
    .set({ expires_at: expiresAt.toISOString() })
    .where('name', '=', name)
    .where('owner_id', '=', owner.id);
  return trx.run(renew.compile()) === 1;
}

/** Lets go of a lock if this owner still holds it. */
export function releaseLock(trx: LockTransaction, name: string, owner: LockOwner): void {
  const release = trx.db
    .deleteFrom('read_store_locks')
    .where('name', '=', name)
    .where('owner_id', '=', owner.id);
  trx.run(release.compile());
}

/** Every lock whose holder is alive, for status displays. */
export async function readLiveLocks(db: Kysely<ReadStoreLockTables>, now: Date): Promise<LockHolder[]> {
  const rows = await db.selectFrom('read_store_locks').selectAll().orderBy('name').execute();
  return rows.filter((row) => !isStale(row, now)).map(holderOf);
}

function isStale(row: ReadStoreLocksTable, now: Date): boolean {
  if (Date.parse(row.expires_at) <= now.getTime()) return true;
  return row.owner_host === hostname() && !isAlive(Number(row.owner_pid));
}

function isAlive(pid: number): boolean {
  try {
    // Signal 0 checks that the process exists without touching it.
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else. (Duck-typed: the error may come from another realm.)
    return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EPERM';
  }
}

function holderOf(row: ReadStoreLocksTable): LockHolder {
  return {
    name: row.name,
    id: row.owner_id,
    host: row.owner_host,
    pid: Number(row.owner_pid),
    purpose: row.purpose,
    acquiredAt: row.acquired_at,
    expiresAt: row.expires_at,
  };
}
