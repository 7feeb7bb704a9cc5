import type { EventStore, Position } from '@ledger/event-store';
import { openSqliteReadStore, type ReadStore } from '@ledger/read-store';
import type { AnyProjection } from '../registry.js';
import { ProjectionRunner } from '../runner/projection-runner.js';
import type { ProjectionFailure, ProjectionStatus } from '../runner/projection-status.js';
import type { RunnerLogger } from '../runner/runner-options.js';
import { assertNotPastHead } from './as-at.js';
import { LogPrefix } from './log-prefix.js';

/** Read models built from the log as it stood at a position, in a throwaway store. */
export interface ReadModelsAt<DB> {
  /** In memory; the caller closes it. Every projection's checkpoint is at `position`. */
  readonly readStore: ReadStore<DB>;
  /** The last event applied: `asAt` itself, or the last event before it; undefined when there was none. */
  readonly position: Position | undefined;
  /** Only with `keepFailed`: the projections that failed on an event, their tables stopped before it. */
  readonly failures: readonly ProjectionFailure[];
}

export interface ReadModelsAtOptions {
  /** Events per read-store transaction. */
  readonly batchSize?: number;
  /** Quiet by default: a failure is thrown, not only logged. */
  readonly logger?: RunnerLogger;
  /**
   * Keep the read models when a projection fails on an event, listing it in `failures`, instead of
   * throwing: the others still answer as at then, and a query of the failed one can say where it
   * stopped and why (the api answers 503, ADR 0018).
   */
  readonly keepFailed?: boolean;
}

const QUIET: RunnerLogger = { log: () => undefined, error: () => undefined };

/**
 * What the ledger knew at `asAt`: a new in-memory read store into which the projections applied
 * every event at or before `asAt`, and nothing after it, through the same runner as the live read
 * models (same handlers, same checkpoints), so a query asked of it answers as it would have then.
 * `undefined` builds the read models of a ledger with no events yet. Throws AsAtError for a position
 * past the head, and an Error naming the projection when one cannot apply an event.
 *
 * @example
 * const { readStore, position } = await readModelsAt(eventStore, ALL_PROJECTIONS, '1041' as Position);
 * try { return await listGrants(readStore.db, {}); } finally { await readStore.close(); }
 */
export async function readModelsAt<DB>(
  eventStore: EventStore,
  projections: readonly AnyProjection[],
  asAt: Position | undefined,
  options: ReadModelsAtOptions = {},
): Promise<ReadModelsAt<DB>> {
  if (asAt !== undefined) await assertNotPastHead(eventStore, asAt, asAt);
  const readStore = openSqliteReadStore<DB>({ file: ':memory:' });
  try {
    const statuses = await project(new LogPrefix(eventStore, asAt), readStore, projections, options);
    const failures = failuresOf(statuses);
    if (failures.length > 0 && options.keepFailed !== true) throw buildFailed(failures, asAt);
    const built = statuses.filter((status) => !failures.some((failure) => failure.name === status.name));
    return { readStore, position: commonPosition(built, asAt), failures };
  } catch (error) {
    await readStore.close();
    throw error;
  }
}

async function project<DB>(
  prefix: LogPrefix,
  readStore: ReadStore<DB>,
  projections: readonly AnyProjection[],
  options: ReadModelsAtOptions,
): Promise<ProjectionStatus[]> {
  const runner = new ProjectionRunner(prefix, readStore, projections, {
    batchSize: options.batchSize ?? 1000,
    logger: options.logger ?? QUIET,
  });
  try {
    await runner.start();
    await prefix.drained();
  } finally {
    await runner.stop();
  }
  return runner.status();
}

function failuresOf(statuses: readonly ProjectionStatus[]): ProjectionFailure[] {
  return statuses.flatMap(({ name, status, position, error }) =>
    status === 'failed' || error !== undefined
      ? [{ name, position, error: error ?? { message: `Projection "${name}" failed` } }]
      : [],
  );
}

function buildFailed(failures: readonly ProjectionFailure[], asAt: Position | undefined): Error {
  const [{ name, error }] = failures as [ProjectionFailure];
  const { message, eventId, eventType, position } = error;
  const event = eventType === undefined ? '' : ` ${eventType}`;
  const where = eventId === undefined ? '' : ` at event ${eventId}${event} (position ${position ?? '?'})`;
  return new Error(
    `The read models as at ${asAt ?? 'the start'} cannot be built: projection "${name}" failed${where}: ${message}`,
  );
}

/** Every projection that did not fail took every event of the prefix into account: one position. */
function commonPosition(
  statuses: readonly ProjectionStatus[],
  asAt: Position | undefined,
): Position | undefined {
  const positions = new Set(statuses.map((status) => status.position));
  if (positions.size > 1) {
    throw new Error(`The read models as at ${asAt ?? 'the start'} stopped at different positions`);
  }
  return statuses[0]?.position;
}
