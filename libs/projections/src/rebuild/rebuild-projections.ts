import type { EventStore } from '@ledger/event-store';
import { openSqliteReadStore, replaceRowsFromAttached, type SqliteExclusiveWriter } from '@ledger/read-store';
import { type AnyProjection, createProjectionRegistry } from '../registry.js';
import { prepareLiveStore } from './live-store.js';
import type { RebuildOptions, RebuildResult } from './rebuild-result.js';
import { failedResult, since, unknownResult } from './rebuild-results.js';
import { rebuildRun, withRebuildLock } from './rebuild-run.js';
import { ShadowBuilder, type SwitchingRun } from './shadow-builder.js';
import { deleteShadowBuild, shadowFileOf } from './shadow-store.js';

/**
 * Rebuilds the named projections one after another, each from the start of the log into a new
 * version of its tables (a shadow file beside the read store) while the old tables keep answering
 * queries; then switches them in atomically with everything appended meanwhile. Resumable: a run
 * killed at any point is continued by the next from its own checkpoint. A projection another run is
 * rebuilding is refused. Resolves with one result per name, in order; never rejects.
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
  try {
    const run = rebuildRun(eventStore, readStoreFile, writer, options);
    const results: RebuildResult[] = [];
    for (const name of asked) {
      if (!registry.has(name)) results.push(unknownResult(name, registry.projections));
      else if (run.signal?.aborted === true) results.push({ name, status: 'NotExecuted', events: 0, ms: 0 });
      else results.push(await rebuildOne(run, registry.get(name)));
    }
    return results;
  } finally {
    writer.close();
    // Best effort, and the results stand either way: a rebuild never rejects.
    await wipeLiveResidue(readStoreFile).catch(() => undefined);
  }
}

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

function rebuildOne(run: SwitchingRun, projection: AnyProjection): Promise<RebuildResult> {
  const { name } = projection;
  const started = performance.now();
  return withRebuildLock(run, name, async (lock) => {
    let builder: ShadowBuilder | undefined;
    try {
      builder = await ShadowBuilder.open(run, projection, shadowFileOf(run.liveFile, name), lock);
      const { tables } = builder;
      await builder.switchIn(lock, (trx) => replaceRowsFromAttached(trx, 'rebuild', tables));
      await builder.close();
      await deleteShadowBuild(builder.file);
      const result = { name, status: 'Success', events: builder.eventsRead, ms: since(started) } as const;
      return builder.position === undefined ? result : { ...result, position: builder.position };
    } catch (error) {
      await builder?.close();
      return failedResult(name, builder?.eventsRead ?? 0, since(started), error);
    }
  });
}
