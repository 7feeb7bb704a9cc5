import type { Kysely, Migration } from 'kysely';
import type { EventStore, Position } from '@ledger/event-store';
import type { ReadStore } from '@ledger/read-store';
import { type AnyProjection, createProjectionRegistry, type ProjectionRegistry } from '../registry.js';
import type { Checkpoint } from './checkpoint.js';
import { loadCheckpoints } from './checkpoint-repository.js';
import { RUNNER_MIGRATIONS, type RunnerTables } from './checkpoint-table.js';
import { LeaseHolder } from './lease-holder.js';
import { PositionWaiters, type Verdict } from './position-waiters.js';
import type { ProjectionFailure, ProjectionStatus } from './projection-status.js';
import { statusOf } from './status-of.js';
import { ProjectionWorker } from './projection-worker.js';
import { type ResolvedRunnerOptions, resolveRunnerOptions } from './resolve-runner-options.js';
import type { ProjectionRunnerOptions } from './runner-options.js';

/**
 * Keeps projections up to date from the event store's subscription (never an in-process bus), each
 * from its own checkpoint, each batch in one read-store transaction with its checkpoint. A handler
 * that throws stops its projection at that event, visibly in `status()`; the others go on.
 *
 * With `leases`, several runners share one read store: each projection runs in the one process
 * holding its lease, the others stand by and take it over when the holder dies. The compare-and-set
 * on the checkpoint keeps "each event applied exactly once" even when two ever overlap. With
 * `mode: 'watch'` a runner projects nothing and follows the checkpoints the others commit.
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
  private readonly options: ResolvedRunnerOptions;
  private readonly db: Kysely<RunnerTables>;
  /** Set with leases: which projections this process holds. */
  private readonly holders: ReadonlyMap<string, LeaseHolder> | undefined;
  /** Checkpoints other processes committed, as last read. */
  private observed: ReadonlyMap<string, Checkpoint> = new Map();
  /** When `observed` was last read (ms since the epoch), and the read in flight if any. */
  private observedAt = 0;
  private observing: Promise<void> | undefined;
  private watchTimer: NodeJS.Timeout | undefined;
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
    this.options = resolveRunnerOptions(options);
    // The runner only touches its own table, which its own migration creates in this store.
    this.db = readStore.db as unknown as Kysely<RunnerTables>;
    const context = {
      ...this.options,
      eventStore,
      db: this.db,
      onChange: () => this.waiters.notify(),
      wipeResidue: readStore.wipeResidue?.bind(readStore),
      synchronously: readStore.synchronously,
    };
    this.workers = new Map(this.registry.projections.map((p) => [p.name, new ProjectionWorker(p, context)]));
    const { leases, mode = 'run' } = options;
    if (mode === 'watch') {
      this.holders = new Map();
    } else if (leases !== undefined) {
      this.holders = new Map(
        [...this.workers].map(([name, worker]) => [name, new LeaseHolder(worker, leases, this.options)]),
      );
    }
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
    const worker = this.worker(name);
    if (!this.runsHere(name)) {
      throw new Error(`Cannot resume "${name}" here: it runs in the projector process holding its lease.`);
    }
    await worker.start();
  }

  /** Every projection's committed progress, failure if any, and whether it has reached the log's head. */
  async status(): Promise<ProjectionStatus[]> {
    if (this.holders !== undefined) await this.refreshObserved();
    const head = await this.eventStore.headPosition();
    const compare = (a: Position, b: Position): number => this.eventStore.comparePositions(a, b);
    return [...this.workers.keys()].map((name) => statusOf(this.checkpointOf(name), head, compare));
  }

  /**
   * The named projections (all by default) that a failure stopped, with the error and the event it
   * names: a query of theirs must not answer from rows frozen there. Cheap enough for every query:
   * from memory where a projection runs in this process; else from the checkpoints other processes
   * committed, read at most once per watch interval. Throws on an unknown name.
   */
  async failures(names?: readonly string[]): Promise<ProjectionFailure[]> {
    const asked = names ?? [...this.workers.keys()];
    if (this.holders !== undefined && asked.some((name) => !this.runsHere(name))) {
      await this.refreshObservedOnceIn(this.options.watchIntervalMs);
    }
    return asked.flatMap((name) => {
      const { status, position, error } = this.checkpointOf(name);
      if (status !== 'failed') return [];
      return [{ name, position, error: error ?? { message: `Projection "${name}" failed` } }];
    });
  }

  /** The projections this process runs now (all of them without leases). */
  running(): string[] {
    return [...this.workers.keys()].filter((name) => this.runsHere(name));
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
    if (this.holders === undefined) {
      await Promise.all([...this.workers.values()].map((worker) => worker.start()));
      return;
    }
    await this.refreshObserved();
    this.watchTimer = setInterval(() => void this.watch(), this.options.watchIntervalMs);
    this.watchTimer.unref();
    await Promise.all([...this.holders.values()].map((holder) => holder.start()));
  }

  private async stopAll(): Promise<void> {
    await this.starting?.catch(() => undefined);
    clearInterval(this.watchTimer);
    if (this.holders === undefined) {
      await Promise.all([...this.workers.values()].map((worker) => worker.stop()));
    } else {
      await Promise.all([...this.holders.values()].map((holder) => holder.stop()));
    }
    this.waiters.cancelAll();
  }

  /** Follows what other processes commit, while someone waits on it. */
  private async watch(): Promise<void> {
    if (this.waiters.pending === 0) return;
    try {
      await this.refreshObserved();
      this.waiters.notify();
    } catch (error) {
      this.options.logger.error(`Could not read the projections' checkpoints: ${String(error)}`);
    }
  }

  private async refreshObserved(): Promise<void> {
    const checkpoints = await loadCheckpoints(this.db);
    this.observed = new Map(checkpoints.map((checkpoint) => [checkpoint.name, checkpoint]));
    this.observedAt = Date.now();
  }

  /** Concurrent callers share one read; one younger than `maxAgeMs` is used as it is. */
  private async refreshObservedOnceIn(maxAgeMs: number): Promise<void> {
    if (Date.now() - this.observedAt < maxAgeMs) return;
    this.observing ??= this.refreshObserved().finally(() => (this.observing = undefined));
    await this.observing;
  }

  private runsHere(name: string): boolean {
    return this.holders === undefined || this.holders.get(name)?.holds === true;
  }

  /** This process's own checkpoint where it runs the projection, else the one last read from the store. */
  private checkpointOf(name: string): Checkpoint {
    const own = this.worker(name).checkpoint;
    return this.runsHere(name) ? own : (this.observed.get(name) ?? own);
  }

  private reached(position: Position, workers: readonly ProjectionWorker[]): Verdict {
    const checkpoints = workers.map((worker) => this.checkpointOf(worker.projection.name));
    const atOrPast = (checkpoint: Checkpoint): boolean => {
      const at = checkpoint.position;
      return at !== undefined && this.eventStore.comparePositions(at, position) >= 0;
    };
    if (checkpoints.every(atOrPast)) return true;
    if (checkpoints.some((checkpoint) => checkpoint.status === 'failed' && !atOrPast(checkpoint))) {
      return false;
    }
    return undefined;
  }

  private worker(name: string): ProjectionWorker {
    const worker = this.workers.get(name);
    if (worker === undefined) throw new Error(`Unknown projection "${name}".`);
    return worker;
  }
}
