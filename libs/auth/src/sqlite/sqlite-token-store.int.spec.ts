import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashToken } from '../token.js';
import { SqliteTokenStore } from './sqlite-token-store.js';

const NOW = new Date('2025-03-01T09:00:00.000Z');

describe('SqliteTokenStore', () => {
  let dir: string;
  let file: string;
  let store: SqliteTokenStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-auth-'));
    file = join(dir, 'nested', 'auth.sqlite');
    store = new SqliteTokenStore(file, { now: () => NOW });
  });

  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a new principal, when its token is presented, then it authenticates to that principal', () => {
    const { principal, token } = store.create({ name: 'funder-audit', role: 'auditor' });

    expect(principal).toEqual({
      id: expect.any(String),
      name: 'funder-audit',
      role: 'auditor',
      createdAt: NOW.toISOString(),
    });
    expect(store.authenticate(token)).toEqual(principal);
  });

  it('given a created principal, when the store is reopened, then its token still authenticates', () => {
    const { principal, token } = store.create({ name: 'ci-reports', role: 'reporter' });
    store.close();
    store = new SqliteTokenStore(file);

    expect(store.authenticate(token)).toEqual(principal);
  });

  it('given a created principal, when the files are read, then the token is not there but its hash is', () => {
    const { token } = store.create({ name: 'pm', role: 'programme-manager' });
    const bytes = () =>
      readdirSync(join(dir, 'nested')).map((name) => readFileSync(join(dir, 'nested', name)));

    // Searched while open (the row may still sit in the WAL) and after close (checkpointed).
    for (const contents of bytes()) expect(contents.includes(token.slice(4))).toBe(false);
    store.close();
    const closed = bytes();
    expect(closed.some((contents) => contents.includes(hashToken(token)))).toBe(true);
    for (const contents of closed) expect(contents.includes(token.slice(4))).toBe(false);
    store = new SqliteTokenStore(file);
  });

  it('given a wrong or empty token, when authenticated, then there is no principal', () => {
    const { token } = store.create({ name: 'admin', role: 'admin' });

    expect(store.authenticate(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).toBeUndefined();
    expect(store.authenticate('')).toBeUndefined();
    expect(store.authenticate(hashToken(token))).toBeUndefined();
  });

  it('given a revoked principal, when its token is presented, then there is no principal', () => {
    const { token } = store.create({ name: 'leaver', role: 'programme-manager' });

    expect(store.revoke('leaver')).toBe(true);

    expect(store.authenticate(token)).toBeUndefined();
    expect(store.list()).toEqual([expect.objectContaining({ name: 'leaver', revokedAt: NOW.toISOString() })]);
  });

  it('given a principal, when revoked by id, then only it is revoked, and once only', () => {
    const kept = store.create({ name: 'kept', role: 'auditor' });
    const gone = store.create({ name: 'gone', role: 'auditor' });

    expect(store.revoke(gone.principal.id)).toBe(true);
    expect(store.revoke(gone.principal.id)).toBe(false);
    expect(store.revoke('nobody')).toBe(false);

    expect(store.authenticate(kept.token)).toEqual(kept.principal);
    expect(store.authenticate(gone.token)).toBeUndefined();
  });

  it('given principals, when listed, then each is shown without any token or hash', () => {
    const { principal } = store.create({ name: 'funder', role: 'auditor' });

    expect(store.list()).toEqual([{ ...principal, revokedAt: null }]);
  });

  it('given a taken name, when created again in any case, then AUTH.DUPLICATE_NAME and nothing is written', () => {
    const first = store.create({ name: 'alice', role: 'auditor' });

    expect(() => store.create({ name: 'Alice', role: 'admin' })).toThrow(
      expect.objectContaining({ code: 'AUTH.DUPLICATE_NAME', message: expect.stringContaining('"Alice"') }),
    );
    expect(store.list()).toEqual([{ ...first.principal, revokedAt: null }]);
  });

  it('given a revoked name, when created again, then AUTH.DUPLICATE_NAME: names are never reused', () => {
    store.create({ name: 'ci', role: 'reporter' });
    store.revoke('ci');

    expect(() => store.create({ name: 'ci', role: 'reporter' })).toThrow(
      expect.objectContaining({ code: 'AUTH.DUPLICATE_NAME' }),
    );
  });

  it('given an unknown role, when created, then AUTH.UNKNOWN_ROLE and nothing is written', () => {
    expect(() => store.create({ name: 'root', role: 'superuser' })).toThrow(
      expect.objectContaining({
        code: 'AUTH.UNKNOWN_ROLE',
        message: expect.stringContaining('auditor, programme-manager'),
      }),
    );
    expect(store.list()).toEqual([]);
  });

  it('given a bad name, when created, then AUTH.INVALID_NAME and nothing is written', () => {
    expect(() => store.create({ name: ' ', role: 'auditor' })).toThrow(
      expect.objectContaining({ code: 'AUTH.INVALID_NAME' }),
    );
    expect(store.list()).toEqual([]);
  });
});
