import type { Migration } from 'kysely';
import {
  openSqliteExclusiveWriter,
  openSqliteReadStore,
  type SqliteExclusiveWriter,
} from '@ledger/read-store';
import type { AnyProjection } from '../registry.js';
import { RUNNER_MIGRATIONS, type RunnerTables } from '../runner/checkpoint-table.js';

/**
 * Readies the live read store for a switch: the runner's tables (the locks among them) and the
 * projections' tables at their current schema, then a writer for the lock and the switch. In a
 * running api the runner has migrated all of this already, so nothing is written here then.
 */
export async function prepareLiveStore(
  file: string,
  projections: readonly AnyProjection[],
): Promise<SqliteExclusiveWriter<unknown>> {
  const live = openSqliteReadStore<RunnerTables>({ file });
  try {
    const migrations: Record<string, Migration> = { ...RUNNER_MIGRATIONS };
    for (const projection of projections) Object.assign(migrations, projection.migrations);
    await live.migrate(migrations);
  } finally {
    await live.close();
  }
  return openSqliteExclusiveWriter<unknown>(file);
}
