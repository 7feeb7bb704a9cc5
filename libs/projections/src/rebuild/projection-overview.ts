import { existsSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { EventStore, Position } from '@ledger/event-store';
import {
  type LockHolder,
  openSqliteReadStore,
  readLiveLocks,
  type ReadStoreLockTables,
} from '@ledger/read-store';
import type { AnyProjection } from '../registry.js';
import { type Checkpoint, initialCheckpoint } from '../runner/checkpoint.js';
import { loadCheckpoints } from '../runner/checkpoint-repository.js';
import type { RunnerTables } from '../runner/checkpoint-table.js';
import type { ProjectionStatus } from '../runner/projection-status.js';
import { statusOf } from '../runner/status-of.js';
import { projectionTables } from './projection-tables.js';
import { rebuildLockName } from './rebuild-lock.js';
import { shadowCheckpoint, shadowFileOf } from './shadow-store.js';

/** What `projections list` shows of a projection. */
export interface ProjectionDescription {
  readonly name: string;
  readonly version: number;
  readonly eventTypes: readonly string[];
  readonly tables: readonly string[];
}

/** A projection's committed status, with what a rebuild is doing to it. */
export interface ProjectionOverview extends ProjectionStatus {
  /** The checkpoint was made by another version of the projection: only a rebuild brings it back. */
  readonly needsRebuild: boolean;
  /** The run rebuilding it now, if any. */
  readonly rebuildingBy?: LockHolder;
  /** An unfinished build, which the next rebuild continues from. */
  readonly unfinishedBuild?: { readonly version: number; readonly position: Position | undefined };
}

/** @example await describeProjections(ALL_PROJECTIONS); // [{ name: 'grant-register', tables: ['grant_register'], ... }] */
export async function describeProjections(
  projections: readonly AnyProjection[],
): Promise<ProjectionDescription[]> {
  return Promise.all(
    projections.map(async (projection) => {
      const { name, version, eventTypes } = projection;
      return { name, version, eventTypes, tables: await projectionTables(projection) };
    }),
  );
}

/**
 * Every projection's status as the read store holds it, read without writing anything (no runner
 * is started, an absent read store stays absent), with any rebuild running or left unfinished.
 *
 * @example
 * const overview = await projectionOverview(events, 'data/read.sqlite', ALL_PROJECTIONS);
 */
export async function projectionOverview(
  eventStore: EventStore,
  readStoreFile: string,
  projections: readonly AnyProjection[],
): Promise<ProjectionOverview[]> {
  const { checkpoints, locks } = await readLiveState(readStoreFile);
  const head = await eventStore.headPosition();
  const compare = (a: Position, b: Position): number => eventStore.comparePositions(a, b);
  return Promise.all(
    projections.map(async ({ name, version }) => {
      const checkpoint = checkpoints.find((c) => c.name === name) ?? initialCheckpoint(name, version);
      const unfinished = await shadowCheckpoint(shadowFileOf(readStoreFile, name), name);
      const rebuildingBy = locks.find((lock) => lock.name === rebuildLockName(name));
      return {
        ...statusOf(checkpoint, head, compare),
        needsRebuild: checkpoint.position !== undefined && checkpoint.version !== version,
        ...(rebuildingBy === undefined ? {} : { rebuildingBy }),
        ...(unfinished === undefined
          ? {}
          : { unfinishedBuild: { version: unfinished.version, position: unfinished.position } }),
      };
    }),
  );
}

async function readLiveState(file: string): Promise<{ checkpoints: Checkpoint[]; locks: LockHolder[] }> {
  if (!existsSync(file)) return { checkpoints: [], locks: [] };
  const store = openSqliteReadStore<unknown>({ file });
  // Kysely's schema types do not narrow: the same connection, seen as each set of tables.
  const runner = store.db as Kysely<RunnerTables>;
  const locks = store.db as Kysely<ReadStoreLockTables>;
  try {
    const tables = new Set((await store.db.introspection.getTables()).map((table) => table.name));
    return {
      checkpoints: tables.has('projection_checkpoints') ? await loadCheckpoints(runner) : [],
      locks: tables.has('read_store_locks') ? await readLiveLocks(locks, new Date()) : [],
    };
  } finally {
    await store.close();
  }
}
