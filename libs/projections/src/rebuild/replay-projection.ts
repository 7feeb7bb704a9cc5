import { existsSync } from 'node:fs';
import type { EventStore, Position, RecordedEvent } from '@ledger/event-store';
import {
  diffAttachedRows,
  readWithAttached,
  recordTouchedRows,
  replaceRowsFromAttached,
  type RowChange,
  type SyncTransaction,
} from '@ledger/read-store';
import { type AnyProjection, createProjectionRegistry } from '../registry.js';
import { prepareLiveStore } from './live-store.js';
import type { RebuildLock } from './rebuild-lock.js';
import { rebuildRun, withRebuildLock } from './rebuild-run.js';
import { RebuildFailure, type RebuildOptions, type RebuildResult } from './rebuild-result.js';
import { failedResult, since, unknownResult } from './rebuild-results.js';
import { type RebuildRun, ShadowBuilder } from './shadow-builder.js';
import { deleteShadowBuild, replayFileOf } from './shadow-store.js';

/** A position of the log, or a date: the first event the ledger recorded on or after it. */
export type ReplayFrom = { readonly position: Position } | { readonly recordedAt: string };

export interface ReplayOptions extends RebuildOptions {
  /** Narrows the diff (printed and applied) to rows that events from here on touched. */
  readonly from?: ReplayFrom;
  /** Builds and compares, writes nothing to the read store (no lock either). */
  readonly dryRun?: boolean;
}

export interface ReplayResult extends RebuildResult {
  readonly dryRun: boolean;
  /** The rows that differ (or differed, once applied), by primary key, old and new values. */
  readonly changes: readonly RowChange[];
  /** The first event at or after `from`; absent without `from` or when nothing is that recent. */
  readonly fromPosition?: Position;
}

/**
 * Replays one projection after a correction or a fix. A correct replay needs every earlier event
 * for state, so the projection is built from scratch into a file of its own; from the first event
 * at or after `from` on, triggers record every row the events touch. The result lists the rows
 * that differ from the live ones (only touched rows when `from` is given). A dry run stops there;
 * otherwise those rows are switched in atomically as a rebuild switches, with the checkpoint.
 * Handlers only write their own tables, so nothing fires twice. Never rejects.
 *
 * @example
 * const preview = await replayProjection(events, 'data/read.sqlite', ALL_PROJECTIONS, 'grant-register', {
 *   from: { recordedAt: '2018-10-01' }, dryRun: true,
 * });
 */
export async function replayProjection(
  eventStore: EventStore,
  readStoreFile: string,
  projections: readonly AnyProjection[],
  name: string,
  options: ReplayOptions = {},
): Promise<ReplayResult> {
  const dryRun = options.dryRun === true;
  const registry = createProjectionRegistry(projections);
  if (!registry.has(name)) return { ...unknownResult(name, projections), dryRun, changes: [] };
  const projection = registry.get(name);
  const started = performance.now();
  if (dryRun) return replay(rebuildRun(eventStore, readStoreFile, undefined, options), projection, options);
  let writer;
  try {
    writer = await prepareLiveStore(readStoreFile, [projection]);
  } catch (error) {
    return { ...failedResult(name, 0, since(started), error), dryRun, changes: [] };
  }
  try {
    const run = rebuildRun(eventStore, readStoreFile, writer, options);
    const result = await withRebuildLock(run, name, (lock) => replay(run, projection, options, lock));
    return 'changes' in result ? result : { ...result, dryRun, changes: [] };
  } finally {
    writer.close();
  }
}

async function replay(
  run: RebuildRun,
  projection: AnyProjection,
  options: ReplayOptions,
  /** Held when the replay switches; a dry run has none. */
  lock?: RebuildLock,
): Promise<ReplayResult> {
  const { name } = projection;
  const started = performance.now();
  const dryRun = lock === undefined;
  let builder: ShadowBuilder | undefined;
  try {
    builder = await ShadowBuilder.open(run, projection, replayFileOf(run.liveFile, name), lock);
    const fromEvent = await buildUpTo(builder, run.eventStore, options.from);
    const changes = await changesOf(builder, run.liveFile, options.from !== undefined, lock);
    const { position, eventsRead: events } = builder;
    return {
      ...{ name, status: 'Success', events, ms: since(started), dryRun, changes },
      ...(position === undefined ? {} : { position }),
      ...(fromEvent === undefined ? {} : { fromPosition: fromEvent.globalPosition }),
    };
  } catch (error) {
    return { ...failedResult(name, builder?.eventsRead ?? 0, since(started), error), dryRun, changes: [] };
  } finally {
    await builder?.close();
    if (builder !== undefined) await deleteShadowBuild(builder.file);
  }
}

/**
 * Compares the build with the live rows; when switching, does so inside the switch's transaction,
 * so the rows listed are exactly the rows switched in.
 */
async function changesOf(
  builder: ShadowBuilder,
  liveFile: string,
  touchedOnly: boolean,
  lock: RebuildLock | undefined,
): Promise<RowChange[]> {
  const { tables } = builder;
  const diff = (trx: SyncTransaction<unknown>): RowChange[] =>
    tables.flatMap((table) => diffAttachedRows(trx, 'rebuild', table, touchedOnly));
  if (lock === undefined) return diffWithLive(liveFile, builder.file, diff);
  return builder.switchIn(lock, (trx) => {
    const changes = diff(trx);
    replaceRowsFromAttached(trx, 'rebuild', tables, { touchedOnly });
    return changes;
  });
}

/** Builds to the head; from the first event at or after `from` on, records the rows touched. */
async function buildUpTo(
  builder: ShadowBuilder,
  eventStore: EventStore,
  from: ReplayFrom | undefined,
): Promise<RecordedEvent | undefined> {
  if (from === undefined) {
    await builder.catchUp();
    return undefined;
  }
  const reached =
    'position' in from
      ? (event: RecordedEvent) => eventStore.comparePositions(event.globalPosition, from.position) >= 0
      : (event: RecordedEvent) => event.recordedAt >= from.recordedAt;
  const fromEvent = await builder.catchUp(reached);
  await recordTouchedRows(builder.db, builder.tables);
  await builder.catchUp();
  return fromEvent;
}

function diffWithLive(
  liveFile: string,
  buildFile: string,
  diff: (trx: SyncTransaction<unknown>) => RowChange[],
): RowChange[] {
  if (!existsSync(liveFile)) {
    throw new RebuildFailure({
      code: 'REBUILD.FAILED',
      message: `There is no read store at ${liveFile} to compare with yet: rebuild the projection instead.`,
    });
  }
  return readWithAttached(liveFile, { file: buildFile, as: 'rebuild' }, diff);
}
