import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { personErased } from '@ledger/ledger-domain';
import {
  completeLookup,
  groupClaims,
  type KeyClaim,
  PERSON_KEY_BYTES,
  type PersonalKeyStore,
  type PersonKey,
} from '../personal-key-store.js';
import { createKeyStoreTables } from './postgres-key-store-schema.js';

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
  committed: boolean;
}

/** A plain identifier, so it can be put in DDL without quoting games. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The key store in PostgreSQL, for api replicas and projector workers that share one: tables
 * `person_keys` and `key_claims` in a schema of their own. One row per person, the key or (once
 * destroyed) the tombstone. Claims, settles and destroys lock the person's row first, always in
 * person id order, so racing processes apply them one after another and never deadlock. Commits are
 * durable before they answer (the server's `synchronous_commit`).
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
  private readonly keys: string;
  private readonly claims: string;

  constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string,
  ) {
    this.keys = `"${schema}".person_keys`;
    this.claims = `"${schema}".key_claims`;
  }

  async getKey(personId: string): Promise<PersonKey> {
    return (await this.getKeys([personId])).get(personId) ?? { status: 'unknown' };
  }

  async getKeys(personIds: readonly string[]): Promise<ReadonlyMap<string, PersonKey>> {
    await this.ensureTables();
    const { rows } = await this.pool.query<KeyRow>(
      `SELECT person_id, key, erased_at, committed FROM ${this.keys} WHERE person_id = ANY($1::text[])`,
      [personIds],
    );
    return completeLookup(personIds, new Map(rows.map((row) => [row.person_id, toPersonKey(row)])));
  }

  async claimKeys(claim: KeyClaim): Promise<ReadonlyMap<string, Buffer>> {
    const ids = [...new Set(claim.personIds)];
    if (ids.length === 0) return new Map();
    const sorted = [...ids].sort();
    return this.transaction(async (client) => {
      // Makes each new person's key pending and locks every person's row until commit (a settle
      // deciding whether to delete it waits for this claim); a racing insert of the same person
      // waits too, then gets this key.
      const { rows } = await client.query<KeyRow>(
        `INSERT INTO ${this.keys} (person_id, key, created_at, committed)
         SELECT person_id, key, now(), false
         FROM unnest($1::text[], $2::bytea[]) AS made(person_id, key) ORDER BY person_id
         ON CONFLICT (person_id) DO UPDATE SET person_id = excluded.person_id
         RETURNING person_id, key, erased_at, committed`,
        [sorted, sorted.map(() => randomBytes(PERSON_KEY_BYTES))],
      );
      const found = new Map(rows.map((row) => [row.person_id, toPersonKey(row)]));
      const keys = new Map(ids.map((id) => [id, activeKey(id, found.get(id))]));
      const pending = ids.filter((id) => rows.some((row) => row.person_id === id && !row.committed));
      if (pending.length > 0) {
        await client.query(
          `INSERT INTO ${this.claims} (claim_id, person_id, streams)
           SELECT $1, person_id, $3::text[] FROM unnest($2::text[]) AS pending(person_id)
           ON CONFLICT DO NOTHING`,
          [claim.claimId, pending, claim.streams],
        );
      }
      return keys;
    });
  }

  async settleClaim(claimId: string, written: ReadonlyMap<string, Buffer>): Promise<readonly string[]> {
    return this.transaction(async (client) => {
      const claimed = await client.query<{ person_id: string }>(
        `DELETE FROM ${this.claims} WHERE claim_id = $1 RETURNING person_id`,
        [claimId],
      );
      const people = claimed.rows.map((row) => row.person_id);
      // Waits for a claim of these people in flight: once it commits, the statements below see it.
      await client.query(
        `SELECT 1 FROM ${this.keys} WHERE person_id = ANY($1::text[]) ORDER BY person_id FOR UPDATE`,
        [[...new Set([...people, ...written.keys()])]],
      );
      const kept = [...written.keys()].sort();
      // A key a reconciliation deleted meanwhile is put back; a tombstone stays one.
      await client.query(
        `INSERT INTO ${this.keys} (person_id, key, created_at, committed)
         SELECT person_id, key, now(), true
         FROM unnest($1::text[], $2::bytea[]) AS kept(person_id, key) ORDER BY person_id
         ON CONFLICT (person_id) DO UPDATE SET committed = true WHERE person_keys.key IS NOT NULL`,
        [kept, kept.map((id) => written.get(id))],
      );
      const deleted = await client.query<{ person_id: string }>(
        `DELETE FROM ${this.keys} k
         WHERE person_id = ANY($1::text[]) AND NOT committed AND key IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM ${this.claims} c WHERE c.person_id = k.person_id)
         RETURNING person_id`,
        [people.filter((id) => !written.has(id))],
      );
      return deleted.rows.map((row) => row.person_id);
    });
  }

  async unsettledClaims(olderThanMs: number): Promise<readonly KeyClaim[]> {
    await this.ensureTables();
    const { rows } = await this.pool.query<{ claim_id: string; person_id: string; streams: string[] }>(
      `SELECT claim_id, person_id, streams FROM ${this.claims}
       WHERE claimed_at <= now() - $1 * interval '1 millisecond' ORDER BY claimed_at, claim_id`,
      [olderThanMs],
    );
    return groupClaims(rows);
  }

  async destroyKey(personId: string, erasedAt: string): Promise<string> {
    await this.ensureTables();
    const { rows } = await this.pool.query<{ erased_at: Date }>(
      `INSERT INTO ${this.keys} (person_id, key, created_at, erased_at) VALUES ($1, NULL, $2, $2)
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
    await this.ensureTables();
    const { rows } = await this.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${this.keys} WHERE erased_at IS NOT NULL`,
    );
    return rows[0]?.n ?? 0;
  }

  close(): Promise<void> {
    this.closing ??= this.pool.end();
    return this.closing;
  }

  /** Runs `work` in one transaction on one connection, rolled back when it throws. */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    await this.ensureTables();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Creates the schema and tables on first use; a failure is tried again by the next call. */
  private ensureTables(): Promise<void> {
    this.ready ??= this.createTables().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private async createTables(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await createKeyStoreTables(client, this.schema);
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

/** The key a claim found or made, or PERSON.ERASED (which rolls the claim back). */
function activeKey(personId: string, found: PersonKey | undefined): Buffer {
  if (found?.status === 'active') return found.key;
  if (found?.status === 'erased') throw personErased(personId, found.erasedAt);
  throw new Error(`The key of person ${personId} was neither created nor found`);
}
