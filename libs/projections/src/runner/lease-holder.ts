import { setTimeout as sleep } from 'node:timers/promises';
import type { Lease, Leases } from '@ledger/read-store';
import type { ProjectionWorker } from './projection-worker.js';
import type { ResolvedRunnerOptions } from './resolve-runner-options.js';

/**
 * Runs one projection's worker only while this process holds the projection's lease: tries for it,
 * runs the worker while it is held, stops the worker when it is lost, and tries again.
 */
export class LeaseHolder {
  private lease: Lease | undefined;
  private loop: Promise<void> | undefined;
  private readonly stopped = new AbortController();

  constructor(
    private readonly worker: ProjectionWorker,
    private readonly leases: Leases,
    private readonly options: ResolvedRunnerOptions,
  ) {}

  get holds(): boolean {
    return this.lease !== undefined;
  }

  /** Resolves after the first try: with the worker subscribed if the lease was free. */
  async start(): Promise<void> {
    const first = await this.tryOnce();
    this.loop = this.hold(first);
  }

  /** Lets the batch in flight commit, then gives the lease up. */
  async stop(): Promise<void> {
    this.stopped.abort();
    await this.loop;
  }

  private async tryOnce(): Promise<Lease | undefined> {
    try {
      const lease = await this.leases.tryAcquire(this.worker.projection.name);
      if (lease === undefined) return undefined;
      this.lease = lease;
      this.options.logger.log(`Projection "${lease.name}": lease taken, projecting here`);
      await this.worker.start();
      return lease;
    } catch (error) {
      this.options.logger.error(`Projection "${this.worker.projection.name}": no lease: ${String(error)}`);
      await this.giveUp(true);
      return undefined;
    }
  }

  private async hold(first: Lease | undefined): Promise<void> {
    let lease = first;
    while (!this.stopped.signal.aborted) {
      if (lease === undefined) {
        await sleep(this.options.leaseRetryMs, undefined, { signal: this.stopped.signal }).catch(
          () => undefined,
        );
        if (this.stopped.signal.aborted) break;
        lease = await this.tryOnce();
        continue;
      }
      const aborted = new Promise<'stopped'>((resolve) =>
        this.stopped.signal.addEventListener('abort', () => resolve('stopped'), { once: true }),
      );
      const held = new AbortController();
      void this.resumeWhenMoved(held.signal);
      const why = await Promise.race([lease.lost.then(() => 'lost' as const), aborted]).finally(() =>
        held.abort(),
      );
      if (why === 'lost') {
        this.options.logger.error(
          `Projection "${lease.name}": lease lost (its database connection closed); stopping here`,
        );
      }
      await this.giveUp(why === 'stopped');
      lease = undefined;
    }
  }

  /**
   * While the lease is held (until `held` aborts), a projection that failed waits for a rebuild to
   * move its checkpoint, then goes on from there.
   */
  private async resumeWhenMoved(held: AbortSignal): Promise<void> {
    while (!held.aborted) {
      await sleep(this.options.leaseRetryMs, undefined, { signal: held }).catch(() => undefined);
      if (held.aborted) return;
      await this.worker.resumeIfMoved().catch((error: unknown) => {
        this.options.logger.error(
          `Projection "${this.worker.projection.name}" could not resume: ${String(error)}`,
        );
      });
    }
  }

  /** Stops the worker (recording 'stopped' only while the lease was ours to the end), then releases. */
  private async giveUp(record: boolean): Promise<void> {
    await this.worker.stop({ record }).catch((error: unknown) => {
      this.options.logger.error(
        `Projection "${this.worker.projection.name}" did not stop cleanly: ${String(error)}`,
      );
    });
    await this.lease?.release();
    this.lease = undefined;
  }
}
