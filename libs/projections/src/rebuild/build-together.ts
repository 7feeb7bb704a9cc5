import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Position } from '@ledger/event-store';
import { interrupted } from './catch-up.js';
import type { RebuildRun, ShadowBuilder } from './shadow-builder.js';

/**
 * Takes several builds up to the head of the log reading it once for all of them: each batch read
 * from the earliest build's checkpoint is applied to every build, each in its own transaction with
 * its own checkpoint, so each stays resumable on its own. A build that fails drops out (its error
 * is returned) and the others go on; when the run is aborted, every build still going is returned
 * with REBUILD.INTERRUPTED. The switch (`switchIn`) then only has the events appended meanwhile to
 * apply.
 *
 * @example
 * const failures = await buildTogether(run, builders);
 */
export async function buildTogether(
  run: RebuildRun,
  builders: readonly ShadowBuilder[],
): Promise<Map<ShadowBuilder, unknown>> {
  const { eventStore, batchSize, signal } = run;
  const failures = new Map<ShadowBuilder, unknown>();
  let building = [...builders];
  while (building.length > 0) {
    if (signal?.aborted === true) {
      for (const builder of building) failures.set(builder, interrupted(builder.current));
      break;
    }
    const read = await eventStore.readAll({ after: earliest(run, building), maxCount: batchSize });
    if (read.length === 0) break;
    for (const builder of building) {
      try {
        await builder.applyRead(read);
      } catch (error) {
        failures.set(builder, error);
      }
    }
    building = building.filter((builder) => !failures.has(builder));
    // Readers sharing the process (an api) get their turn between batches.
    await nextTurn();
  }
  return failures;
}

/** The earliest checkpoint of the builds; undefined (the start of the log) when one has none. */
function earliest(run: RebuildRun, builders: readonly ShadowBuilder[]): Position | undefined {
  let first: Position | undefined;
  for (const { position } of builders) {
    if (position === undefined) return undefined;
    if (first === undefined || run.eventStore.comparePositions(position, first) < 0) first = position;
  }
  return first;
}
