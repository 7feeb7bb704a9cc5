import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import Database from 'better-sqlite3';
import { keyStoreContract } from '../contract/key-store.contract.js';
import { keyFor } from '../contract/key-store.helpers.js';
import { openSqliteKeyStore } from './sqlite-key-store.js';

keyStoreContract('sqlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-keys-'));
  const file = join(dir, 'keys.sqlite');
  const keys = openSqliteKeyStore({ file });
  return Promise.resolve({
    keys,
    reopen: () => openSqliteKeyStore({ file }),
    cleanup: async () => {
      await keys.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
});

/** Every byte of the key store's files as they are on disk now (the main file and its WAL). */
function fileBytes(file: string): Buffer {
  return Buffer.concat([file, `${file}-wal`].filter(existsSync).map((path) => readFileSync(path)));
}

describe('sqlite key store files', () => {
  test('given keys written, when one is destroyed, then its bytes are in neither the file nor its WAL, while the other key still is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-keys-'));
    const file = join(dir, 'keys.sqlite');
    const keys = openSqliteKeyStore({ file });
    try {
      const forgotten = await keyFor(keys, 'contact-forgotten');
      const kept = await keyFor(keys, 'contact-kept');
      expect(fileBytes(file).includes(forgotten)).toBe(true);
      await keys.destroyKey('contact-forgotten', '2019-03-01T09:30:00.000Z');
      const bytes = fileBytes(file);
      expect(bytes.includes(forgotten)).toBe(false);
      expect(bytes.includes(kept)).toBe(true);
      expect(readFileSync(`${file}-wal`)).toHaveLength(0);
    } finally {
      await keys.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('given a folder that does not exist yet, when the store opens, then it creates it; a file it cannot open names the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-keys-'));
    try {
      const file = join(dir, 'nested', 'keys.sqlite');
      const keys = openSqliteKeyStore({ file });
      expect(existsSync(file)).toBe(true);
      void keys.close();
      expect(() => openSqliteKeyStore({ file: dir })).toThrow(`Cannot open the key store ${dir}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('given a key store file from before claims, when opened by two processes at once, then its keys count as committed: a released claim leaves them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-keys-'));
    const file = join(dir, 'keys.sqlite');
    const old = new Database(file);
    old.exec(`CREATE TABLE person_keys (person_id TEXT PRIMARY KEY, key BLOB, created_at TEXT NOT NULL,
      erased_at TEXT, CHECK ((key IS NULL) = (erased_at IS NOT NULL)))`);
    const key = Buffer.alloc(32, 7);
    old
      .prepare('INSERT INTO person_keys VALUES (?, ?, ?, NULL)')
      .run('contact-old', key, '2018-01-01T00:00:00Z');
    old.close();
    const [keys, other] = [openSqliteKeyStore({ file }), openSqliteKeyStore({ file })];
    try {
      const claimed = await keys.claimKeys({
        claimId: 'c1',
        personIds: ['contact-old'],
        streams: ['partner-old'],
      });
      expect(claimed.get('contact-old')).toEqual(key);
      expect(await keys.settleClaim('c1', new Map())).toEqual([]);
      expect(await other.getKey('contact-old')).toEqual({ status: 'active', key });
    } finally {
      await Promise.all([keys.close(), other.close()]);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
