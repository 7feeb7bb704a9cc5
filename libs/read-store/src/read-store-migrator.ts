import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';

/** The read store keeps its own migration bookkeeping, apart from any other Kysely user of the database. */
export const READ_MIGRATION_TABLE = 'read_migrations';
export const READ_MIGRATION_LOCK_TABLE = 'read_migrations_lock';

/** Stands in for a migration applied earlier but not passed this time: it never runs again. */
const ALREADY_APPLIED: Migration = { up: () => Promise.resolve() };

/**
 * Applies the migrations not yet applied, in name order, in one transaction where the dialect
 * allows DDL in one. Each caller may pass a subset (the runner passes only the projections it
 * runs, a retired projection drops out), so migrations applied earlier but absent now are not an
 * error, and a new name may sort before an applied one.
 *
 * @example
 * await migrateReadStore(db, { 'grant-register-0001': { up: async (db) => { ... } } });
 */
export async function migrateReadStore(
  db: Kysely<unknown>,
  migrations: Readonly<Record<string, Migration>>,
  /** PostgreSQL: the schema the bookkeeping lives in (Kysely's checks would otherwise see every schema). */
  schema?: string,
): Promise<void> {
  const applied = await appliedMigrationNames(schema === undefined ? db : db.withSchema(schema));
  const provider: MigrationProvider = {
    getMigrations: () =>
      Promise.resolve({
        ...Object.fromEntries(applied.map((name) => [name, ALREADY_APPLIED])),
        ...migrations,
      }),
  };
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: READ_MIGRATION_TABLE,
    migrationLockTableName: READ_MIGRATION_LOCK_TABLE,
    allowUnorderedMigrations: true,
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error === undefined) return;
  const failed =
    results.find((result) => result.status === 'Error')?.migrationName ?? '(before any migration ran)';
  throw new Error(`Read store migration ${failed} failed: ${messageOf(error)}`, { cause: error });
}

async function appliedMigrationNames(db: Kysely<unknown>): Promise<string[]> {
  const bookkeeping = db.withTables<{ [READ_MIGRATION_TABLE]: { name: string } }>();
  try {
    const rows = await bookkeeping.selectFrom(READ_MIGRATION_TABLE).select('name').execute();
    return rows.map((row) => row.name);
  } catch (error) {
    // Asked of the store itself rather than by introspection, which on PostgreSQL sees every schema.
    if (isMissingTable(error)) return [];
    throw error;
  }
}

/** SQLite says "no such table"; PostgreSQL answers 42P01 (undefined_table). */
function isMissingTable(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === '42P01' || (typeof message === 'string' && message.includes('no such table'));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
