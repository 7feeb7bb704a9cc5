import { randomUUID } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';
import pg from 'pg';
import { postgresTestUrl } from '@ledger/testing';
import { keyStoreContract } from '../contract/key-store.contract.js';
import { keyFor } from '../contract/key-store.helpers.js';
import { openPostgresKeyStore } from './postgres-key-store.js';

/** Drops a test's schema: every test gets a key store of its own. */
async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresTestUrl() });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

keyStoreContract('postgres', () => {
  const schema = `keys_${randomUUID().replaceAll('-', '')}`;
  const open = () => openPostgresKeyStore({ connectionString: postgresTestUrl(), schema });
  const keys = open();
  return Promise.resolve({
    keys,
    reopen: open,
    cleanup: async () => {
      await keys.close();
      await dropSchema(schema);
    },
  });
});

describe('postgres key store', () => {
  test('given several processes opening a new schema at once, when each creates a key, then the table is made once and every key is kept', async () => {
    const schema = `keys_${randomUUID().replaceAll('-', '')}`;
    const stores = Array.from({ length: 4 }, () =>
      openPostgresKeyStore({ connectionString: postgresTestUrl(), schema }),
    );
    try {
      const keys = await Promise.all(stores.map((store, i) => keyFor(store, `person-${i}`)));
      const found = await stores[0]?.getKeys(keys.map((_, i) => `person-${i}`));
      expect([...(found?.values() ?? [])]).toEqual(keys.map((key) => ({ status: 'active', key })));
    } finally {
      await Promise.all(stores.map((store) => store.close()));
      await dropSchema(schema);
    }
  });

  test('given a key store schema from before claims, when opened, then its keys count as committed: a released claim leaves them', async () => {
    const schema = `keys_${randomUUID().replaceAll('-', '')}`;
    const client = new pg.Client({ connectionString: postgresTestUrl() });
    await client.connect();
    const key = Buffer.alloc(32, 7);
    try {
      await client.query(`CREATE SCHEMA "${schema}"`);
      await client.query(`CREATE TABLE "${schema}".person_keys (person_id text PRIMARY KEY, key bytea,
        created_at timestamptz NOT NULL, erased_at timestamptz, CHECK ((key IS NULL) = (erased_at IS NOT NULL)))`);
      await client.query(`INSERT INTO "${schema}".person_keys VALUES ('contact-old', $1, now(), NULL)`, [
        key,
      ]);
    } finally {
      await client.end();
    }
    const keys = openPostgresKeyStore({ connectionString: postgresTestUrl(), schema });
    try {
      const claimed = await keys.claimKeys({
        claimId: 'c1',
        personIds: ['contact-old'],
        streams: ['partner-old'],
      });
      expect(claimed.get('contact-old')).toEqual(key);
      expect(await keys.settleClaim('c1', new Map())).toEqual([]);
      expect(await keys.getKey('contact-old')).toEqual({ status: 'active', key });
    } finally {
      await keys.close();
      await dropSchema(schema);
    }
  });

  test('given a schema name that is not plain, when opened, then it is refused naming it', () => {
    expect(() => openPostgresKeyStore({ connectionString: 'postgres://db/x', schema: 'Keys; drop' })).toThrow(
      'Key store schema "Keys; drop" is not a plain PostgreSQL name',
    );
  });
});
