import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { Kysely } from 'kysely';
import { openSqliteBuildStore, openSqliteReadStore, type SqliteBuildStore } from '@ledger/read-store';
import type { AnyProjection } from '../registry.js';
import { type Checkpoint, initialCheckpoint } from '../runner/checkpoint.js';
import { insertCheckpoint, loadCheckpoint, moveCheckpoint } from '../runner/checkpoint-repository.js';
import { RUNNER_MIGRATIONS, type RunnerTables } from '../runner/checkpoint-table.js';

/** A new version of one projection's tables, built in a file of its own beside the live read store. */
export interface ShadowBuild {
  readonly file: string;
  readonly store: SqliteBuildStore<RunnerTables>;
  readonly db: Kysely<RunnerTables>;
  /** Where the build stands: a resumed build starts past the start of the log. */
  readonly checkpoint: Checkpoint;
}

/**
 * `data/read.sqlite` → `data/read.rebuild-grant-register.sqlite`. A fixed name, so a run killed at any
 * point is found, and continued from its checkpoint, by the next.
 */
export function shadowFileOf(liveFile: string, projectionName: string): string {
  const extension = extname(liveFile) || '.sqlite';
  const stem = basename(liveFile, extname(liveFile));
  return join(dirname(liveFile), `${stem}.rebuild-${encodeURIComponent(projectionName)}${extension}`);
}

/** `data/read.sqlite` → `data/read.replay-grant-register-<random>.sqlite`: a replay's own, never resumed. */
export function replayFileOf(liveFile: string, projectionName: string): string {
  const extension = extname(liveFile) || '.sqlite';
  const stem = basename(liveFile, extname(liveFile));
  const name = `${stem}.replay-${encodeURIComponent(projectionName)}-${randomUUID()}${extension}`;
  return join(dirname(liveFile), name);
}

/**
 * Opens the projection's shadow build in `file`, or starts one. A build left by another version of
 * the projection is thrown away: its rows were made by other handlers.
 */
export async function openShadowBuild(
  file: string,
  projection: AnyProjection,
  now: Date,
): Promise<ShadowBuild> {
  const found = await shadowCheckpoint(file, projection.name);
  if (found !== undefined && found.version !== projection.version) await deleteShadowBuild(file);
  const store = openSqliteBuildStore<RunnerTables>({ file });
  try {
    await store.migrate({ ...RUNNER_MIGRATIONS, ...projection.migrations });
    const initial = initialCheckpoint(projection.name, projection.version);
    await insertCheckpoint(store.db, initial, now);
    const loaded = (await loadCheckpoint(store.db, projection.name)) ?? initial;
    // Nothing but this run writes the shadow (the lock sees to that): 'running' is only for show.
    const checkpoint: Checkpoint = { ...loaded, status: 'running' };
    await moveCheckpoint(store.db, loaded, checkpoint, now);
    return { file, store, db: store.db, checkpoint };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** The checkpoint of an unfinished build, if one is there; opens nothing that does not exist. */
export async function shadowCheckpoint(file: string, name: string): Promise<Checkpoint | undefined> {
  if (!existsSync(file)) return undefined;
  const store = openSqliteReadStore<RunnerTables>({ file });
  try {
    const tables = await store.db.introspection.getTables();
    if (!tables.some((table) => table.name === 'projection_checkpoints')) return undefined;
    return await loadCheckpoint(store.db, name);
  } finally {
    await store.close();
  }
}

/** Removes a build with its WAL files; it must be closed. */
export async function deleteShadowBuild(file: string): Promise<void> {
  await Promise.all(['', '-wal', '-shm'].map((suffix) => rm(`${file}${suffix}`, { force: true })));
}
