import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { personErased } from '@ledger/ledger-domain';
import {
  completeLookup,
  PERSON_KEY_BYTES,
  type PersonalKeyStore,
  type PersonKey,
} from '../personal-key-store.js';

export interface SqliteKeyStoreOptions {
  /** The key store's own file (never the event log's); its parent folders are created. */
  readonly file: string;
  /** The clock stamping `created_at`; the system clock by default. */
  readonly clock?: () => Date;
}

interface KeyRow {
  person_id: string;
  key: Buffer | null;
  erased_at: string | null;
}

/** How long a statement waits for another process (api, CLI) holding the file's lock. */
const BUSY_TIMEOUT_MS = 5000;
/** How often a destroy tries to empty the WAL while another process is still reading from it. */
const WIPE_ATTEMPTS = 20;
const WIPE_RETRY_MS = 50;

/**
 * One row per person: the key, or once destroyed no key and the time it was (the tombstone).
 * `key IS NULL` exactly when `erased_at` is set.
 */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS person_keys (
    person_id TEXT PRIMARY KEY,
    key BLOB,
    created_at TEXT NOT NULL,
    erased_at TEXT,
    CHECK ((key IS NULL) = (erased_at IS NOT NULL))
  )`;

/**
 * The embedded key store: its own SQLite file beside the event log. Commits are durable
 * (`synchronous = FULL`), so a key exists before the event encrypted with it is appended. Deleted
 * content is overwritten with zeros (`secure_delete = ON`) and the WAL is checkpointed and truncated
 * after every destroy, so a destroyed key's bytes are gone from the files, not only from the table.
 *
 * @example
 * const keys = openSqliteKeyStore({ file: 'data/keys.sqlite' });
 * const key = await keys.createKey('contact-partner-1');
 */
export function openSqliteKeyStore(options: SqliteKeyStoreOptions): SqliteKeyStore {
  return new SqliteKeyStore(openDatabase(options.file), options.file, options.clock ?? (() => new Date()));
}

export class SqliteKeyStore implements PersonalKeyStore {
  private readonly selectOne;
  private readonly selectMany;
  private readonly insertKey;
  private readonly tombstone;
  private readonly countErased;
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    readonly file: string,
    private readonly clock: () => Date,
  ) {
    this.selectOne = db.prepare<[string], KeyRow>(
      'SELECT person_id, key, erased_at FROM person_keys WHERE person_id = ?',
    );
    this.selectMany = db.prepare<[string], KeyRow>(
      'SELECT person_id, key, erased_at FROM person_keys WHERE person_id IN (SELECT value FROM json_each(?))',
    );
    this.insertKey = db.prepare<[string, Buffer, string]>(
      'INSERT INTO person_keys (person_id, key, created_at) VALUES (?, ?, ?)',
    );
    this.tombstone = db.prepare<[string, string, string]>(
      `INSERT INTO person_keys (person_id, key, created_at, erased_at) VALUES (?, NULL, ?, ?)
       ON CONFLICT (person_id) DO UPDATE SET key = NULL, erased_at = COALESCE(erased_at, excluded.erased_at)`,
    );
    this.countErased = db.prepare<[], { n: number }>(
      'SELECT count(*) AS n FROM person_keys WHERE erased_at IS NOT NULL',
    );
  }

  getKey(personId: string): Promise<PersonKey> {
    return settle(() => toPersonKey(this.selectOne.get(personId)));
  }

  getKeys(personIds: readonly string[]): Promise<ReadonlyMap<string, PersonKey>> {
    return settle(() => {
      const rows = this.selectMany.all(JSON.stringify(personIds));
      return completeLookup(personIds, new Map(rows.map((row) => [row.person_id, toPersonKey(row)])));
    });
  }

  createKey(personId: string): Promise<Buffer> {
    // IMMEDIATE: the write lock is taken before the read, so racing processes make one key between them.
    return settle(() => this.db.transaction(() => this.keyOf(personId)).immediate());
  }

  createKeys(personIds: readonly string[]): Promise<ReadonlyMap<string, Buffer>> {
    return settle(() =>
      this.db
        .transaction(() => new Map(personIds.map((personId) => [personId, this.keyOf(personId)])))
        .immediate(),
    );
  }

  async destroyKey(personId: string, erasedAt: string): Promise<string> {
    const destroy = this.db.transaction((): string => {
      this.tombstone.run(personId, erasedAt, erasedAt);
      return this.selectOne.get(personId)?.erased_at ?? erasedAt;
    });
    const first = destroy.immediate();
    await this.wipeWal();
    return first;
  }

  async isErased(personId: string): Promise<boolean> {
    return (await this.getKey(personId)).status === 'erased';
  }

  erasedCount(): Promise<number> {
    return settle(() => this.countErased.get()?.n ?? 0);
  }

  close(): Promise<void> {
    if (!this.closed) this.db.close();
    this.closed = true;
    return Promise.resolve();
  }

  /** Inside the creating transaction: the person's key, made now if they have none. */
  private keyOf(personId: string): Buffer {
    const found = toPersonKey(this.selectOne.get(personId));
    if (found.status === 'erased') throw personErased(personId, found.erasedAt);
    if (found.status === 'active') return found.key;
    const key = randomBytes(PERSON_KEY_BYTES);
    this.insertKey.run(personId, key, this.clock().toISOString());
    return key;
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

/** Runs synchronous database work as a promise: a throw becomes a rejection. */
function settle<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}

function toPersonKey(row: KeyRow | undefined): PersonKey {
  if (row === undefined) return { status: 'unknown' };
  if (row.erased_at !== null) return { status: 'erased', erasedAt: row.erased_at };
  if (row.key === null) throw new Error(`The key of person ${row.person_id} is missing without a tombstone`);
  return { status: 'active', key: row.key };
}

function openDatabase(file: string): Database.Database {
  let db: Database.Database | undefined;
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    db.pragma('journal_mode = WAL');
    // A key must survive a power cut once the event encrypted with it is appended (also FULL).
    db.pragma('synchronous = FULL');
    db.pragma('secure_delete = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.exec(SCHEMA);
    return db;
  } catch (error) {
    db?.close();
    // The operator's fix (path, permissions, disk) is about the file, so the message names it.
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot open the key store ${file}: ${why}`, { cause: error });
  }
}
