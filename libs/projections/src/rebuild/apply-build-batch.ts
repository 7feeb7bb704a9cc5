import type { RecordedEvent } from '@ledger/event-store';
import type { SqliteBuildStore } from '@ledger/read-store';
import type { AnyProjection } from '../registry.js';
import { applyBatch } from '../runner/apply-batch.js';
import { applySyncBatch } from '../runner/apply-sync-batch.js';
import type { Checkpoint } from '../runner/checkpoint.js';
import type { RunnerTables } from '../runner/checkpoint-table.js';

/**
 * `applyBatch` for a build: the same outcome (rows and checkpoint in ONE transaction; when a
 * handler throws, the events before it applied and the projection 'failed' at it), through the
 * projection's synchronous `sqliteBatch` when it has one (`applySyncBatch`, as the live runner on
 * the embedded store), else through its handler. Nothing but the build uses its connection.
 *
 * @example
 * checkpoint = await applyBuildBatch(shadow.store, projection, checkpoint, batch, clock);
 */
export async function applyBuildBatch(
  store: SqliteBuildStore<RunnerTables>,
  projection: AnyProjection,
  current: Checkpoint,
  batch: readonly RecordedEvent[],
  clock: () => Date,
): Promise<Checkpoint> {
  const applier = projection.sqliteBatch;
  if (applier === undefined) return applyBatch(store.db, projection, current, batch, clock);
  return applySyncBatch(store.sync, projection, applier, current, batch, clock);
}
