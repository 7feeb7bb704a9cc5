import { Kysely, type Migration, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { ReadStore } from '../read-store.js';
import { migrateReadStore } from '../read-store-migrator.js';
import { READ_STORE_TYPES } from './postgres-types.js';

export interface PostgresReadStoreOptions {
  /** `postgres://user:password@host:5432/database`. */
  readonly connectionString: string;
  /** Where the read models live; created by `migrate`. `public` by default. */
  readonly schema?: string;
  /** Connections in the pool: 10 by default. */
  readonly maxConnections?: number;
}

/** A plain identifier, so it can be put in `search_path` and DDL without quoting games. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Every process migrating this database takes this lock first, so two replicas never race their DDL. */
const MIGRATION_LOCK_KEY = 0x6c656467; // 'ledg'

/**
 * The production read store: PostgreSQL through Kysely, the same queries and projections as the
 * embedded SQLite store. Several api replicas and projector workers share it.
 *
 * @example
 * const readStore = openPostgresReadStore<LedgerReadModels>({ connectionString: process.env.DATABASE_URL });
 * await readStore.migrate(migrations);
 */
export function openPostgresReadStore<DB>(options: PostgresReadStoreOptions): ReadStore<DB> {
  const schema = options.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(
      `Read store schema "${schema}" is not a plain PostgreSQL name (lower case letters, digits, _)`,
    );
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    types: READ_STORE_TYPES,
    // Every connection sees the ledger's schema first, so unqualified names are the ledger's tables.
    options: `-c search_path=${schema}`,
    // Names the process, so pg_stat_activity tells which replica holds what.
    application_name: `programme-ledger pid ${process.pid}`,
  });
  // An idle connection the server dropped must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let closing: Promise<void> | undefined;
  return {
    dialect: 'postgres',
    db,
    migrate: (migrations: Readonly<Record<string, Migration>>) =>
      describeFailure(options.connectionString, migrate(db as Kysely<unknown>, schema, migrations)),
    close: () => (closing ??= db.destroy()),
  };
}

/**
 * Creates the schema and applies the migrations on one connection holding a session advisory
 * lock: a second process waits, then finds them applied.
 */
async function migrate(
  db: Kysely<unknown>,
  schema: string,
  migrations: Readonly<Record<string, Migration>>,
): Promise<void> {
  await db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(connection);
    try {
      await sql`create schema if not exists ${sql.id(schema)}`.execute(connection);
      await migrateReadStore(connection, migrations, schema);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(connection);
    }
  });
}

/** A refused connection names the server (without its password), so the operator knows where to look. */
async function describeFailure(connectionString: string, work: Promise<void>): Promise<void> {
  try {
    await work;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|28P01|28000|3D000)$/.test(code)) {
      throw new Error(
        `Cannot reach the PostgreSQL read store at ${redact(connectionString)}: ${messageOf(error)}`,
        { cause: error },
      );
    }
    throw error;
  }
}

/** The connection string without its password. */
export function redact(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable connection string)';
  }
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0]);
  return error instanceof Error ? error.message : String(error);
}
