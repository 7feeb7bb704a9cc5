import type { EventStore } from '@ledger/event-store';
import { openSqliteReadStore, replaceRowsFromAttached, type SqliteExclusiveWriter } from '@ledger/read-store';
import { type AnyProjection, createProjectionRegistry } from '../registry.js';
import { buildTogether } from './build-together.js';
import { interrupted } from './catch-up.js';
import { prepareLiveStore } from './live-store.js';
import { RebuildLock } from './rebuild-lock.js';
import type { RebuildOptions, RebuildResult } from './rebuild-result.js';
import { failedResult, since, unknownResult } from './rebuild-results.js';
import { rebuildRun, takeRebuildLock } from './rebuild-run.js';
import { ShadowBuilder, type SwitchingRun } from './shadow-builder.js';
import { deleteShadowBuild, shadowFileOf } from './shadow-store.js';

/** A projection asked for: its lock and build once it has them, or its result already. */
interface Asked {
  readonly name: string;
  readonly projection?: AnyProjection;
  lock?: RebuildLock;
  builder?: ShadowBuilder;
  result?: RebuildResult;
}

/**
 * Rebuilds the named projections, each from the start of the log into a new version of its tables
 * (a shadow file beside the read store) while the old tables keep answering queries; then switches
 * them in atomically, one after another, with everything appended meanwhile. The builds read the
 * log together, once for all of them. Resumable: a run killed at any point is continued by the
 * next from each build's own checkpoint. A projection another run is rebuilding is refused.
 * Resolves with one result per name, in order; never rejects.
 *
 * @example
 * const results = await rebuildProjections(events, 'data/read.sqlite', ALL_PROJECTIONS, ['grant-register'], {
 *   onProgress: ({ name, done, total }) => console.error(`${name} ${done}/${total}`),
 * });
 * const ok = results.every((result) => result.status === 'Success');
 */
export async function rebuildProjections(
  eventStore: EventStore,
  readStoreFile: string,
  projections: readonly AnyProjection[],
  names: readonly string[],
  options: RebuildOptions = {},
): Promise<RebuildResult[]> {
  const registry = createProjectionRegistry(projections);
  const asked = [...new Set(names)];
  let writer: SqliteExclusiveWriter<unknown>;
  try {
    writer = await prepareLiveStore(
      readStoreFile,
      asked.filter((n) => registry.has(n)).map((n) => registry.get(n)),
    );
  } catch (error) {
    return asked.map((name) => failedResult(name, 0, 0, error));
  }
  const started = performance.now();
  const run = rebuildRun(eventStore, readStoreFile, writer, options);
  const all: Asked[] = asked.map((name) =>
    registry.has(name)
      ? { name, projection: registry.get(name) }
      : { name, result: unknownResult(name, registry.projections) },
  );
  try {
    await openBuilds(run, all);
    const failures = await buildTogether(run, builders(all));
    let interruptedOne = false;
    for (const entry of all) {
      const { builder } = entry;
      if (entry.result !== undefined || builder === undefined) continue;
      // Once the run is aborted, the first build not switched stops INTERRUPTED and the later ones are
      // NotExecuted, as if they came one after another; every build keeps its checkpoint for the next run.
      if (run.signal?.aborted === true) {
        const failure = failures.get(builder) ?? interrupted(builder.current);
        entry.result = interruptedOne
          ? notExecuted(entry.name)
          : failedResult(entry.name, builder.eventsRead, since(started), failure);
        interruptedOne = true;
      } else {
        const failure = failures.get(builder);
        entry.result =
          failure !== undefined
            ? failedResult(entry.name, builder.eventsRead, since(started), failure)
            : await switchOne(run, entry, started);
        interruptedOne = entry.result.error?.code === 'REBUILD.INTERRUPTED';
      }
      await builder.close();
    }
    return all.map((entry) => entry.result ?? notExecuted(entry.name));
  } finally {
    await Promise.all(all.map((entry) => entry.builder?.close() ?? Promise.resolve()));
    // An unreleased lock only delays the next run until it expires (or sees this process gone).
    const releases = all.map((entry) => entry.lock?.release().catch(() => undefined) ?? Promise.resolve());
    await Promise.all(releases);
    writer.close();
    // Best effort, and the results stand either way: a rebuild never rejects.
    await wipeLiveResidue(readStoreFile).catch(() => undefined);
  }
}

/** Takes each projection's lock and opens (or goes on with) its build, in order. */
async function openBuilds(run: SwitchingRun, all: Asked[]): Promise<void> {
  for (const entry of all) {
    if (entry.projection === undefined) continue;
    const opening = performance.now();
    const lock = await takeRebuildLock(run, entry.name);
    if (!(lock instanceof RebuildLock)) {
      entry.result = lock;
      continue;
    }
    entry.lock = lock;
    try {
      entry.builder = await ShadowBuilder.open(
        run,
        entry.projection,
        shadowFileOf(run.liveFile, entry.name),
        lock,
      );
    } catch (error) {
      entry.result = failedResult(entry.name, 0, since(opening), error);
    }
  }
}

function builders(all: readonly Asked[]): ShadowBuilder[] {
  return all.flatMap((entry) => (entry.result === undefined && entry.builder ? [entry.builder] : []));
}

/** Switches one build in, catching up first with what was appended meanwhile. */
async function switchOne(run: SwitchingRun, entry: Asked, started: number): Promise<RebuildResult> {
  const { name } = entry;
  const builder = entry.builder as ShadowBuilder;
  const lock = entry.lock as RebuildLock;
  try {
    const { tables } = builder;
    await builder.switchIn(lock, (trx) => replaceRowsFromAttached(trx, 'rebuild', tables));
    await builder.close();
    await deleteShadowBuild(builder.file);
    const result = { name, status: 'Success', events: builder.eventsRead, ms: since(started) } as const;
    return builder.position === undefined ? result : { ...result, position: builder.position };
  } catch (error) {
    return failedResult(name, builder.eventsRead, since(started), error);
  }
}

const notExecuted = (name: string): RebuildResult => ({ name, status: 'NotExecuted', events: 0, ms: 0 });

/**
 * The switches deleted the old rows (zeroed as they went): their copies in the live store's WAL go
 * too, so a rebuild after a forget leaves no trace of the forgotten on disk. A reader in another
 * process may keep the WAL meanwhile; the next checkpoint then empties it.
 */
async function wipeLiveResidue(file: string): Promise<void> {
  const live = openSqliteReadStore<unknown>({ file });
  try {
    await live.wipeResidue?.();
  } finally {
    await live.close();
  }
}
