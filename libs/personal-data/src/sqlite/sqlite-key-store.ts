import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { personErased } from '@ledger/ledger-domain';
import {
  completeLookup,
  groupClaims,
  type KeyClaim,
  PERSON_KEY_BYTES,
  type PersonalKeyStore,
  type PersonKey,
} from '../personal-key-store.js';
import { openKeyStoreFile } from './sqlite-key-store-file.js';

export interface SqliteKeyStoreOptions {
  /** The key store's own file (never the event log's); its parent folders are created. */
  readonly file: string;
  /** The clock stamping `created_at` and claims, and judging their age; the system clock by default. */
  readonly clock?: () => Date;
}

interface KeyRow {
  person_id: string;
  key: Buffer | null;
  erased_at: string | null;
  committed: 0 | 1;
}

interface ClaimRow {
  claim_id: string;
  person_id: string;
  streams: string;
}

/** How often a destroy tries to empty the WAL while another process is still reading from it. */
const WIPE_ATTEMPTS = 20;
const WIPE_RETRY_MS = 50;

/**
 * The embedded key store: its own SQLite file beside the event log. Commits are durable
 * (`synchronous = FULL`), so a key exists before the event encrypted with it is appended. Every write
 * takes the file's write lock first (`BEGIN IMMEDIATE`), so claims, settles and destroys of any
 * process apply one after another. Deleted content is overwritten with zeros (`secure_delete = ON`)
 * and the WAL is checkpointed and truncated after every destroy, so a destroyed key's bytes are gone
 * from the files, not only from the table.
 *
 * @example
 * const keys = openSqliteKeyStore({ file: 'data/keys.sqlite' });
 * const made = await keys.claimKeys({ claimId, personIds: ['contact-partner-1'], streams: ['partner-partner-1'] });
 */
export function openSqliteKeyStore(options: SqliteKeyStoreOptions): SqliteKeyStore {
  return new SqliteKeyStore(
    openKeyStoreFile(options.file),
    options.file,
    options.clock ?? (() => new Date()),
  );
}

export class SqliteKeyStore implements PersonalKeyStore {
  private readonly statements;
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    readonly file: string,
    private readonly clock: () => Date,
  ) {
    this.statements = prepare(db);
  }

  getKey(personId: string): Promise<PersonKey> {
    return asPromise(() => toPersonKey(this.statements.selectOne.get(personId)));
  }

  getKeys(personIds: readonly string[]): Promise<ReadonlyMap<string, PersonKey>> {
    return asPromise(() => {
      const rows = this.statements.selectMany.all(JSON.stringify(personIds));
      return completeLookup(personIds, new Map(rows.map((row) => [row.person_id, toPersonKey(row)])));
    });
  }

  claimKeys(claim: KeyClaim): Promise<ReadonlyMap<string, Buffer>> {
    const claimOne = (personId: string, now: string): Buffer => {
      const row = this.statements.selectOne.get(personId);
      const found = toPersonKey(row);
      if (found.status === 'erased') throw personErased(personId, found.erasedAt);
      const key = found.status === 'active' ? found.key : randomBytes(PERSON_KEY_BYTES);
      if (row === undefined) this.statements.insertPending.run(personId, key, now);
      if (row?.committed !== 1) {
        this.statements.insertClaim.run(claim.claimId, personId, JSON.stringify(claim.streams), now);
      }
      return key;
    };
    return asPromise(() =>
      this.db
        .transaction(() => {
          const now = this.clock().toISOString();
          return new Map(claim.personIds.map((personId) => [personId, claimOne(personId, now)]));
        })
        .immediate(),
    );
  }

  settleClaim(claimId: string, written: ReadonlyMap<string, Buffer>): Promise<readonly string[]> {
    const { claimedPeople, deleteClaim, keepKey, dropUnclaimed } = this.statements;
    return asPromise(() =>
      this.db
        .transaction(() => {
          const people = claimedPeople.all(claimId).map((row) => row.person_id);
          deleteClaim.run(claimId);
          const now = this.clock().toISOString();
          for (const [personId, key] of written) keepKey.run(personId, key, now);
          return people.filter((id) => !written.has(id) && dropUnclaimed.run(id).changes > 0);
        })
        .immediate(),
    );
  }

  unsettledClaims(olderThanMs: number): Promise<readonly KeyClaim[]> {
    const before = new Date(this.clock().getTime() - olderThanMs).toISOString();
    return asPromise(() =>
      groupClaims(
        this.statements.claimsBefore
          .all(before)
          .map((row) => ({ ...row, streams: JSON.parse(row.streams) as string[] })),
      ),
    );
  }

  async destroyKey(personId: string, erasedAt: string): Promise<string> {
    const destroy = this.db.transaction((): string => {
      this.statements.tombstone.run(personId, erasedAt, erasedAt);
      return this.statements.selectOne.get(personId)?.erased_at ?? erasedAt;
    });
    const first = destroy.immediate();
    await this.wipeWal();
    return first;
  }

  async isErased(personId: string): Promise<boolean> {
    return (await this.getKey(personId)).status === 'erased';
  }

  erasedCount(): Promise<number> {
    return asPromise(() => this.statements.countErased.get()?.n ?? 0);
  }

  close(): Promise<void> {
    if (!this.closed) this.db.close();
    this.closed = true;
    return Promise.resolve();
  }

  /**
   * Copies the WAL into the (zeroed) main file and truncates it to nothing, so no earlier page image
   * holding the key is left in it. A reader in another process can hold the WAL for a moment: the
   * busy timeout waits for it, and a few more tries follow before the destroy fails (a retry of the
   * forget finishes the job; the key is already gone from the table).
   */
  private async wipeWal(): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (result?.busy === 0) return;
      if (attempt >= WIPE_ATTEMPTS) {
        throw new Error(
          `The key store ${this.file} deleted the key but could not empty its WAL: another process kept reading it. Retry the forget.`,
        );
      }
      await sleep(WIPE_RETRY_MS);
    }
  }
}

function prepare(db: Database.Database) {
  const columns = 'person_id, key, erased_at, committed';
  return {
    selectOne: db.prepare<[string], KeyRow>(`SELECT ${columns} FROM person_keys WHERE person_id = ?`),
    selectMany: db.prepare<[string], KeyRow>(
      `SELECT ${columns} FROM person_keys WHERE person_id IN (SELECT value FROM json_each(?))`,
    ),
    insertPending: db.prepare<[string, Buffer, string]>(
      'INSERT INTO person_keys (person_id, key, created_at, committed) VALUES (?, ?, ?, 0)',
    ),
    insertClaim: db.prepare<[string, string, string, string]>(
      'INSERT OR IGNORE INTO key_claims (claim_id, person_id, streams, claimed_at) VALUES (?, ?, ?, ?)',
    ),
    claimedPeople: db.prepare<[string], { person_id: string }>(
      'SELECT person_id FROM key_claims WHERE claim_id = ?',
    ),
    deleteClaim: db.prepare<[string]>('DELETE FROM key_claims WHERE claim_id = ?'),
    // A key a reconciliation deleted meanwhile is put back; a tombstone stays one.
    keepKey: db.prepare<[string, Buffer, string]>(
      `INSERT INTO person_keys (person_id, key, created_at, committed) VALUES (?, ?, ?, 1)
       ON CONFLICT (person_id) DO UPDATE SET committed = 1 WHERE key IS NOT NULL`,
    ),
    dropUnclaimed: db.prepare<[string]>(
      `DELETE FROM person_keys WHERE person_id = ? AND committed = 0 AND key IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM key_claims WHERE key_claims.person_id = person_keys.person_id)`,
    ),
    claimsBefore: db.prepare<[string], ClaimRow>(
      'SELECT claim_id, person_id, streams FROM key_claims WHERE claimed_at <= ? ORDER BY claimed_at, claim_id',
    ),
    tombstone: db.prepare<[string, string, string]>(
      `INSERT INTO person_keys (person_id, key, created_at, erased_at) VALUES (?, NULL, ?, ?)
       ON CONFLICT (person_id) DO UPDATE SET key = NULL, erased_at = COALESCE(erased_at, excluded.erased_at)`,
    ),
    countErased: db.prepare<[], { n: number }>(
      'SELECT count(*) AS n FROM person_keys WHERE erased_at IS NOT NULL',
    ),
  };
}

/** Runs synchronous database work as a promise: a throw becomes a rejection. */
function asPromise<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}

function toPersonKey(row: KeyRow | undefined): PersonKey {
  if (row === undefined) return { status: 'unknown' };
  if (row.erased_at !== null) return { status: 'erased', erasedAt: row.erased_at };
  if (row.key === null) throw new Error(`The key of person ${row.person_id} is missing without a tombstone`);
  return { status: 'active', key: row.key };
}
