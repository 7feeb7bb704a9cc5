import Database from 'better-sqlite3';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AuthError } from '../auth.error.js';
import { type NewPrincipal, type Principal, type PrincipalSummary } from '../principal.js';
import { checkPrincipalName } from '../principal-name.js';
import { isRole, parseRole, type Role } from '../roles.js';
import { createToken, hashToken } from '../token.js';
import { type TokenStore } from '../token-store.js';
import { PRINCIPALS_SCHEMA, type PrincipalRow } from './sqlite-token-store.schema.js';

export interface SqliteTokenStoreOptions {
  /** The clock stamping created and revoked times; the system clock unless a test fixes one. */
  readonly now?: () => Date;
}

/**
 * The embedded token store: one SQLite file (WAL mode, folders created as needed) holding principals
 * and SHA-256 hashes of their tokens.
 *
 * @example
 * const store = new SqliteTokenStore(config.authFile);
 * const { token } = store.create({ name: 'ci-reports', role: 'reporter' }); // show once, never again
 * store.authenticate(token); // { id, name: 'ci-reports', role: 'reporter', createdAt }
 * store.close();
 */
export class SqliteTokenStore implements TokenStore {
  private readonly db: Database.Database;
  private readonly sql: ReturnType<typeof prepareStatements>;
  private readonly now: () => Date;

  constructor(file: string, options: SqliteTokenStoreOptions = {}) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(PRINCIPALS_SCHEMA);
    this.sql = prepareStatements(this.db);
    this.now = options.now ?? (() => new Date());
  }

  create(input: NewPrincipal): { principal: Principal; token: string } {
    const role = parseRole(input.role);
    const name = checkPrincipalName(input.name);
    const token = createToken();
    const principal: Principal = { id: randomUUID(), name, role, createdAt: this.now().toISOString() };
    try {
      this.sql.insert.run({ ...principal, tokenHash: hashToken(token) });
    } catch (error) {
      throw isDuplicateName(error) ? duplicateName(name) : error;
    }
    return { principal, token };
  }

  authenticate(token: string): Principal | undefined {
    const hash = hashToken(token);
    const row = this.sql.byHash.get(hash);
    if (row === undefined || row.revoked_at !== null) return undefined;
    // The index lookup compares hashes, so its timing tells an attacker nothing about the token.
    // The constant-time comparison keeps that true should the lookup ever change.
    if (!timingSafeEqual(Buffer.from(row.token_hash, 'hex'), Buffer.from(hash, 'hex'))) return undefined;
    return toPrincipal(row);
  }

  list(): PrincipalSummary[] {
    return this.sql.all.all().map((row) => ({ ...toPrincipal(row), revokedAt: row.revoked_at }));
  }

  revoke(nameOrId: string): boolean {
    const revokedAt = this.now().toISOString();
    return this.sql.revoke.run({ nameOrId, revokedAt }).changes > 0;
  }

  close(): void {
    this.db.close();
  }
}

function prepareStatements(db: Database.Database) {
  return {
    insert: db.prepare<Principal & { tokenHash: string }>(
      `INSERT INTO principals (id, name, role, token_hash, created_at)
       VALUES (@id, @name, @role, @tokenHash, @createdAt)`,
    ),
    byHash: db.prepare<[string], PrincipalRow>('SELECT * FROM principals WHERE token_hash = ?'),
    all: db.prepare<[], PrincipalRow>('SELECT * FROM principals ORDER BY created_at, name'),
    revoke: db.prepare<{ nameOrId: string; revokedAt: string }>(
      `UPDATE principals SET revoked_at = @revokedAt
       WHERE (id = @nameOrId OR name = @nameOrId) AND revoked_at IS NULL`,
    ),
  };
}

function toPrincipal(row: PrincipalRow): Principal {
  return { id: row.id, name: row.name, role: storedRole(row), createdAt: row.created_at };
}

// A role outside ROLES can only come from editing the file by hand; refuse loudly, never guess.
function storedRole(row: PrincipalRow): Role {
  if (isRole(row.role)) return row.role;
  throw new Error(`Principal ${row.id} has an unknown role ${JSON.stringify(row.role)} in the token store`);
}

// Checked by shape rather than `instanceof`: the native addon keeps the error class of the first
// copy of better-sqlite3 loaded in the process, which is not the class (nor even the realm's Error)
// seen by a second module registry, as under jest with one registry and context per test file.
function isDuplicateName(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    error.code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    'message' in error &&
    typeof error.message === 'string' &&
    error.message.includes('principals.name')
  );
}

function duplicateName(name: string): AuthError {
  return new AuthError(
    'AUTH.DUPLICATE_NAME',
    `A principal named ${JSON.stringify(name)} already exists (names ignore case and are not reused after revoking)`,
  );
}
