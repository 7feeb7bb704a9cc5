import { openSqliteReadStore, READ_MIGRATION_LOCK_TABLE, READ_MIGRATION_TABLE } from '@ledger/read-store';
import type { AnyProjection } from '../registry.js';

const BOOKKEEPING = new Set([READ_MIGRATION_TABLE, READ_MIGRATION_LOCK_TABLE]);

/**
 * The tables a projection owns: those its migrations create, found by running them in a throwaway
 * in-memory store. Projections never write each other's tables (docs/architecture.md), so these
 * are exactly what a rebuild replaces.
 *
 * @example
 * await projectionTables(grantRegisterProjection); // ['grant_register']
 */
export async function projectionTables(projection: AnyProjection): Promise<string[]> {
  const scratch = openSqliteReadStore<unknown>({ file: ':memory:' });
  try {
    await scratch.migrate(projection.migrations);
    const tables = await scratch.db.introspection.getTables();
    return tables
      .filter((table) => !table.isView && !BOOKKEEPING.has(table.name))
      .map((table) => table.name)
      .sort();
  } finally {
    await scratch.close();
  }
}
