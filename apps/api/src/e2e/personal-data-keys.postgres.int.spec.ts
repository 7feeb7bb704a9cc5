import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { postgresTestUrl } from '@ledger/testing';
import { keysFollowCommitsSpec } from '../testing/keys-follow-commits.js';

// The key store in PostgreSQL (it follows the read store), where racing claims lock rows.
const schema = `keys_race_${randomUUID().replaceAll('-', '')}`;

async function dropSchemas(): Promise<void> {
  const client = new pg.Client({ connectionString: postgresTestUrl() });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS "${schema}_keys" CASCADE`);
  } finally {
    await client.end();
  }
}

keysFollowCommitsSpec(
  'PostgreSQL key store',
  () => ({
    LEDGER_READ_STORE: 'postgres',
    DATABASE_URL: postgresTestUrl(),
    LEDGER_READ_STORE_SCHEMA: schema,
    LEDGER_PROJECTIONS: 'inline',
  }),
  dropSchemas,
);
