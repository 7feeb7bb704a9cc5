import type pg from 'pg';

/** Every process creating the tables takes this lock first, so two never race their DDL. */
const CREATE_LOCK_KEY = 0x6b657973; // 'keys'

/**
 * Creates the key store's schema and tables, or brings an older one up to date, in one transaction.
 * `person_keys`: one row per person, the key, or once destroyed no key and `erased_at` (the
 * tombstone); `committed` is false while the key waits for its first event (ADR 0020), and true for
 * rows written before claims existed. `key_claims`: one row per person of an append in flight.
 */
export async function createKeyStoreTables(client: pg.PoolClient, schema: string): Promise<void> {
  const keys = `"${schema}".person_keys`;
  const claims = `"${schema}".key_claims`;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [CREATE_LOCK_KEY]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${keys} (
         person_id text PRIMARY KEY,
         key bytea,
         created_at timestamptz NOT NULL,
         erased_at timestamptz,
         CHECK ((key IS NULL) = (erased_at IS NOT NULL))
       )`,
    );
    const { rowCount } = await client.query(
      `SELECT 1 FROM information_schema.columns
       WHERE table_schema = $1 AND table_name = 'person_keys' AND column_name = 'committed'`,
      [schema],
    );
    // Only when missing: ALTER TABLE locks out every reader of the keys, even when it changes nothing.
    if (rowCount === 0) {
      await client.query(`ALTER TABLE ${keys} ADD COLUMN committed boolean NOT NULL DEFAULT true`);
    }
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${claims} (
         claim_id text NOT NULL,
         person_id text NOT NULL,
         streams text[] NOT NULL,
         claimed_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (claim_id, person_id)
       )`,
    );
    await client.query(`CREATE INDEX IF NOT EXISTS key_claims_by_person ON ${claims} (person_id)`);
    await client.query(`CREATE INDEX IF NOT EXISTS key_claims_by_time ON ${claims} (claimed_at)`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
