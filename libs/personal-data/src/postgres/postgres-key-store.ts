import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { personErased } from '@ledger/ledger-domain';
import {
  completeLookup,
  PERSON_KEY_BYTES,
  type PersonalKeyStore,
  type PersonKey,
} from '../personal-key-store.js';

export interface PostgresKeyStoreOptions {
  /** `postgres://user:password@host:5432/database`. */
  readonly connectionString: string;
  /** The key store's own schema (never the read models'): created on first use. */
  readonly schema: string;
  /** Connections in the pool: 4 by default. */
  readonly maxConnections?: number;
}

interface KeyRow {
  person_id: string;
  key: Buffer | null;
  erased_at: Date | null;
}

/** A plain identifier, so it can be put in DDL without quoting games. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** Every process creating the table takes this lock first, so two never race their DDL. */
const CREATE_LOCK_KEY = 0x6b657973; // 'keys'

/**
 * The key store in PostgreSQL, for api replicas and projector workers that share one: a table
 * `person_keys` in a schema of its own. One row per person, the key or (once destroyed) the
 * tombstone, so every operation is one atomic statement and racing creators and destroyers agree.
 * Commits are durable before they answer (the server's `synchronous_commit`).
 *
 * PostgreSQL keeps a deleted value in dead row versions until vacuumed, and in its WAL archive and
 * backups until they expire: their retention bounds how long a destroyed key can be recovered from them.
 *
 * @example
 * const keys = openPostgresKeyStore({ connectionString: process.env.DATABASE_URL, schema: 'ledger_keys' });
 */
export function openPostgresKeyStore(options: PostgresKeyStoreOptions): PersonalKeyStore {
  if (!SCHEMA_NAME.test(options.schema)) {
    throw new Error(
      `Key store schema "${options.schema}" is not a plain PostgreSQL name (lower case letters, digits, _)`,
    );
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 4,
    application_name: `programme-ledger keys pid ${process.pid}`,
  });
  // An idle connection the server dropped must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return new PostgresKeyStore(pool, options.schema);
}

class PostgresKeyStore implements PersonalKeyStore {
  private ready: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  private readonly table: string;

  constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
  ) {
    this.table = `"${schema}".person_keys`;
  }

  async getKey(personId: string): Promise<PersonKey> {
    return (await this.getKeys([personId])).get(personId) ?? { status: 'unknown' };
  }

  async getKeys(personIds: readonly string[]): Promise<ReadonlyMap<string, PersonKey>> {
    const { rows } = await this.query<KeyRow>(
      `SELECT person_id, key, erased_at FROM ${this.table} WHERE person_id = ANY($1::text[])`,
      [personIds],
    );
    return completeLookup(personIds, new Map(rows.map((row) => [row.person_id, toPersonKey(row)])));
  }

  async createKey(personId: string): Promise<Buffer> {
    // Waits for a racing insert of the same person to commit, then keeps whichever came first.
    await this.query(
      `INSERT INTO ${this.table} (person_id, key, created_at) VALUES ($1, $2, now())
       ON CONFLICT (person_id) DO NOTHING`,
      [personId, randomBytes(PERSON_KEY_BYTES)],
    );
    const found = await this.getKey(personId);
    if (found.status === 'erased') throw personErased(personId, found.erasedAt);
    if (found.status === 'active') return found.key;
    throw new Error(`The key of person ${personId} was neither created nor found`);
  }

  async createKeys(personIds: readonly string[]): Promise<ReadonlyMap<string, Buffer>> {
    const ids = [...new Set(personIds)];
    if (ids.length === 0) return new Map();
    const found = await this.getKeys(ids);
    for (const id of ids) {
      const known = found.get(id);
      if (known?.status === 'erased') throw personErased(id, known.erasedAt);
    }
    const missing = ids.filter((id) => found.get(id)?.status !== 'active');
    if (missing.length > 0) {
      // One statement, one commit; a racing insert of the same person wins and is read back below.
      await this.query(
        `INSERT INTO ${this.table} (person_id, key, created_at)
         SELECT person_id, key, now() FROM unnest($1::text[], $2::bytea[]) AS made(person_id, key)
         ON CONFLICT (person_id) DO NOTHING`,
        [missing, missing.map(() => randomBytes(PERSON_KEY_BYTES))],
      );
    }
    const keys = missing.length > 0 ? await this.getKeys(ids) : found;
    return new Map(
      ids.map((id) => {
        const key = keys.get(id);
        if (key?.status === 'active') return [id, key.key];
        if (key?.status === 'erased') throw personErased(id, key.erasedAt);
        throw new Error(`The key of person ${id} was neither created nor found`);
      }),
    );
  }

  async destroyKey(personId: string, erasedAt: string): Promise<string> {
    const { rows } = await this.query<{ erased_at: Date }>(
      `INSERT INTO ${this.table} (person_id, key, created_at, erased_at) VALUES ($1, NULL, $2, $2)
       ON CONFLICT (person_id) DO UPDATE
         SET key = NULL, erased_at = COALESCE(person_keys.erased_at, excluded.erased_at)
       RETURNING erased_at`,
      [personId, erasedAt],
    );
    return rows[0]?.erased_at.toISOString() ?? erasedAt;
  }

  async isErased(personId: string): Promise<boolean> {
    return (await this.getKey(personId)).status === 'erased';
  }

  async erasedCount(): Promise<number> {
    const { rows } = await this.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${this.table} WHERE erased_at IS NOT NULL`,
    );
    return rows[0]?.n ?? 0;
  }

  close(): Promise<void> {
    this.closing ??= this.pool.end();
    return this.closing;
  }

  private async query<R extends pg.QueryResultRow>(text: string, values: unknown[] = []) {
    await this.ensureTable();
    return this.pool.query<R>(text, values);
  }

  /** Creates the schema and table on first use; a failure is tried again by the next call. */
  private ensureTable(): Promise<void> {
    this.ready ??= this.createTable().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private async createTable(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [CREATE_LOCK_KEY]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${this.table} (
           person_id text PRIMARY KEY,
           key bytea,
           created_at timestamptz NOT NULL,
           erased_at timestamptz,
           CHECK ((key IS NULL) = (erased_at IS NOT NULL))
         )`,
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

function toPersonKey(row: KeyRow): PersonKey {
  if (row.erased_at !== null) return { status: 'erased', erasedAt: row.erased_at.toISOString() };
  if (row.key === null) throw new Error(`The key of person ${row.person_id} is missing without a tombstone`);
  return { status: 'active', key: row.key };
}
