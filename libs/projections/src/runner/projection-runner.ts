import type { Kysely, Migration } from 'kysely';
import type { EventStore, Position } from '@ledger/event-store';
import type { ReadStore } from '@ledger/read-store';
import { type AnyProjection, createProjectionRegistry, type ProjectionRegistry } from '../registry.js';
import { RUNNER_MIGRATIONS, type RunnerTables } from './checkpoint-table.js';
import { PositionWaiters, type Verdict } from './position-waiters.js';
import type { ProjectionStatus } from './projection-status.js';
import { statusOf } from './status-of.js';
import { ProjectionWorker } from './projection-worker.js';
import { resolveRunnerOptions } from './resolve-runner-options.js';
import type { ProjectionRunnerOptions } from './runner-options.js';

/**
 * Keeps projections up to date from the event store's subscription (never an in-process bus), each
 * from its own checkpoint, each batch in one read-store transaction with its checkpoint. A handler
 * that throws stops its projection at that event, visibly in `status()`; the others go on.
 *
 * @example
 * const runner = new ProjectionRunner(eventStore, readStore, [anyProjection(grantRegister)]);
 * await runner.start();
 * const { position } = await handleCommand(...);
 * if (await runner.waitFor(position, ['grant-register'], 2000)) return query();
 * await runner.stop();
 */
export class ProjectionRunner<DB = unknown> {
  private readonly registry: ProjectionRegistry;
  private readonly workers: ReadonlyMap<string, ProjectionWorker>;
  private readonly waiters = new PositionWaiters();
  private starting: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;

  /** Throws at once on a duplicate projection name or a bad batch size. */
  constructor(
    private readonly eventStore: EventStore,
    private readonly readStore: ReadStore<DB>,
    projections: readonly AnyProjection[],
    options: ProjectionRunnerOptions = {},
  ) {
    this.registry = createProjectionRegistry(projections);
    const context = {
      ...resolveRunnerOptions(options),
      eventStore,
      // The runner only touches its own table, which its own migration creates in this store.
      db: readStore.db as unknown as Kysely<RunnerTables>,
      onChange: () => this.waiters.notify(),
    };
    this.workers = new Map(this.registry.projections.map((p) => [p.name, new ProjectionWorker(p, context)]));
  }

  /**
   * Runs the runner's and every projection's migrations, then starts every projection from its
   * checkpoint (a projection that failed before is retried: a restart is how a fix is deployed).
   * Resolves once all are subscribed, not when they have caught up. Calling it again is a no-op.
   */
  start(): Promise<void> {
    if (this.stopping !== undefined) {
      return Promise.reject(new Error('This ProjectionRunner was stopped: create a new one.'));
    }
    this.starting ??= this.startAll();
    return this.starting;
  }

  /** Restarts a failed projection from its checkpoint, the failing event first. No-op when it is running. */
  async resume(name: string): Promise<void> {
    if (this.starting === undefined || this.stopping !== undefined) {
      throw new Error(`Cannot resume "${name}": the runner is not running.`);
    }
    await this.starting;
    await this.worker(name).start();
  }

  /** Every projection's committed progress, failure if any, and whether it has reached the log's head. */
  async status(): Promise<ProjectionStatus[]> {
    const head = await this.eventStore.headPosition();
    const compare = (a: Position, b: Position): number => this.eventStore.comparePositions(a, b);
    return [...this.workers.values()].map((worker) => statusOf(worker.checkpoint, head, compare));
  }

  /**
   * Read-your-writes: resolves true once every named projection (all by default) has committed
   * `position`, false when `timeoutMs` passes first, and false at once when one of them has failed
   * (or the runner stops) before reaching it. Throws on an unknown name.
   *
   * @example
   * const fresh = await runner.waitFor(appendResult.position, ['grant-register'], 2000);
   */
  async waitFor(
    position: Position,
    names: readonly string[] | undefined,
    timeoutMs: number,
  ): Promise<boolean> {
    const workers = (names ?? [...this.workers.keys()]).map((name) => this.worker(name));
    if (this.stopping !== undefined) return this.reached(position, workers) === true;
    return this.waiters.wait(() => this.reached(position, workers), timeoutMs);
  }

  /** Lets each batch in flight commit, closes the subscriptions; safe to call twice. */
  stop(): Promise<void> {
    this.stopping ??= this.stopAll();
    return this.stopping;
  }

  private async startAll(): Promise<void> {
    const migrations: Record<string, Migration> = { ...RUNNER_MIGRATIONS };
    for (const projection of this.registry.projections) Object.assign(migrations, projection.migrations);
    await this.readStore.migrate(migrations);
    await Promise.all([...this.workers.values()].map((worker) => worker.start()));
  }

  private async stopAll(): Promise<void> {
    await this.starting?.catch(() => undefined);
    await Promise.all([...this.workers.values()].map((worker) => worker.stop()));
    this.waiters.cancelAll();
  }

  private reached(position: Position, workers: readonly ProjectionWorker[]): Verdict {
    const atOrPast = (worker: ProjectionWorker): boolean => {
      const at = worker.checkpoint.position;
      return at !== undefined && this.eventStore.comparePositions(at, position) >= 0;
    };
    if (workers.every(atOrPast)) return true;
    if (workers.some((worker) => worker.checkpoint.status === 'failed' && !atOrPast(worker))) return false;
    return undefined;
  }

  private worker(name: string): ProjectionWorker {
    const worker = this.workers.get(name);
    if (worker === undefined) throw new Error(`Unknown projection "${name}".`);
    return worker;
  }
}
