import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { EventStore, EventSubscription, RecordedEvent } from '@ledger/event-store';
import type { Synchronously } from '@ledger/read-store';
import type { AnyProjection } from '../registry.js';
import { applyBatchOn } from './apply-sync-batch.js';
import { type Checkpoint, initialCheckpoint } from './checkpoint.js';
import {
  CheckpointConflictError,
  insertCheckpoint,
  loadCheckpoint,
  moveCheckpoint,
} from './checkpoint-repository.js';
import type { RunnerTables } from './checkpoint-table.js';
import type { ResolvedRunnerOptions } from './resolve-runner-options.js';

export interface WorkerContext extends ResolvedRunnerOptions {
  readonly eventStore: EventStore;
  readonly db: Kysely<RunnerTables>;
  /** Called after every change of the checkpoint, once it is committed. */
  readonly onChange: () => void;
  /** The read store's `wipeResidue`, where it has one (see Projection.scrubsOn). */
  readonly wipeResidue?: () => Promise<boolean>;
  /**
   * The read store's `synchronously`, where it has one (the embedded store): batches of projections
   * with a `sqliteBatch` are applied through it, the others through `db`.
   */
  readonly synchronously?: Synchronously | undefined;
}

/**
 * Runs one projection: its own subscription from its own checkpoint, so a slow or failed
 * projection never holds the others back.
 */
export class ProjectionWorker {
  private current: Checkpoint;
  private subscription: EventSubscription | undefined;
  private consuming: Promise<void> | undefined;
  private starting: Promise<void> | undefined;
  private stopping = false;

  constructor(
    readonly projection: AnyProjection,
    private readonly context: WorkerContext,
  ) {
    this.current = initialCheckpoint(projection.name, projection.version);
  }

  /** The checkpoint as last committed by this worker. */
  get checkpoint(): Checkpoint {
    return this.current;
  }

  /** Loads the checkpoint and subscribes after it; resolves once subscribed. Also resumes a failed projection. */
  start(): Promise<void> {
    // Two concurrent starts (say, two resume calls) must not open two subscriptions.
    this.starting ??= this.begin().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async begin(): Promise<void> {
    if (this.consuming !== undefined && this.current.status !== 'failed') return;
    // A loop that just failed may still be closing its subscription: let it finish first.
    await this.consuming;
    this.stopping = false;
    const subscription = await this.subscribeFromCheckpoint();
    if (subscription !== undefined) this.consuming = this.consume(subscription);
  }

  /** Loads the checkpoint, refuses another version's, records 'running' and subscribes after it. */
  private async subscribeFromCheckpoint(): Promise<EventSubscription | undefined> {
    this.current = await this.load();
    const { name, version } = this.projection;
    if (this.current.position !== undefined && this.current.version !== version) {
      const message = `Projection "${name}" has checkpoints of version ${this.current.version} but is now version ${version}: rebuild it.`;
      await this.record({ ...this.current, status: 'failed', error: { message } });
      this.context.logger.error(message);
      return undefined;
    }
    this.logStart();
    await this.record({ ...this.current, version, status: 'running', error: undefined });
    // stop() may have come while this was loading: it found no subscription to close.
    if (this.stopping) return undefined;
    this.subscription = this.context.eventStore.subscribe({
      after: this.current.position,
      batchSize: this.context.batchSize,
    });
    return this.subscription;
  }

  /**
   * A failed projection whose checkpoint someone else moved (a rebuild switched its tables in)
   * starts again from there; true when it did. Otherwise it stays failed, as it was.
   */
  async resumeIfMoved(): Promise<boolean> {
    if (this.current.status !== 'failed') return false;
    const stored = await loadCheckpoint(this.context.db, this.projection.name);
    if (stored === undefined || (stored.position === this.current.position && stored.status === 'failed')) {
      return false;
    }
    this.context.logger.log(
      `Projection "${this.projection.name}": its checkpoint was moved (a rebuild); resuming`,
    );
    await this.start();
    return true;
  }

  /**
   * Lets the batch in flight commit, closes the subscription and records 'stopped' — unless the
   * lease was lost (`record: false`): the projection is another process's now, and its row with it.
   */
  async stop(options: { readonly record?: boolean } = {}): Promise<void> {
    this.stopping = true;
    await this.starting?.catch(() => undefined);
    await this.subscription?.close();
    await this.consuming;
    if (options.record === false || this.current.status !== 'running') return;
    await this.record({ ...this.current, status: 'stopped' }).catch((error: unknown) => {
      // Someone else moved it meanwhile (a rebuild, a process that took the lease over): theirs stands.
      if (!(error instanceof CheckpointConflictError)) throw error;
    });
  }

  /**
   * Applies batches until stopped or failed. When the checkpoint moved under the worker, a rebuild
   * switched the projection's tables (and its checkpoint with them): the batch rolled back, and the
   * worker goes on from the new checkpoint rather than stopping, so a running api survives a rebuild.
   */
  private async consume(first: EventSubscription): Promise<void> {
    try {
      let subscription: EventSubscription | undefined = first;
      while (subscription !== undefined) {
        const moved = await this.drain(subscription);
        subscription = moved && !this.stopping ? await this.resubscribeAfterMove() : undefined;
      }
    } catch (error) {
      await this.failOutsideHandler(error);
    } finally {
      this.consuming = undefined;
      this.subscription = undefined;
    }
  }

  /** Applies the subscription's batches; true when it ended because the checkpoint was moved. */
  private async drain(subscription: EventSubscription): Promise<boolean> {
    try {
      for await (const batch of subscription) {
        // A batch delivered after stop() is left for next time: the checkpoint has not moved past it.
        if (this.stopping) break;
        // On the embedded store, through the projection's synchronous path when it has one.
        const { clock } = this.context;
        this.current = await applyBatchOn(this.context, this.projection, this.current, batch, clock);
        this.context.onChange();
        if (this.scrubbedBy(batch)) await this.wipeResidue();
        if (this.current.status === 'failed') {
          this.logFailure();
          break;
        }
        // An embedded store answers in microtasks only: without a turn of the event loop here, a
        // long catch-up would starve timers and HTTP requests sharing the process.
        await nextTurn();
      }
      return false;
    } catch (error) {
      if (!(error instanceof CheckpointConflictError)) throw error;
      return true;
    }
  }

  /** Whether the batch holds an event on which this projection scrubs earlier rows. */
  private scrubbedBy(batch: readonly RecordedEvent[]): boolean {
    const { scrubsOn } = this.projection;
    return scrubsOn !== undefined && batch.some((event) => scrubsOn.includes(event.type));
  }

  /** After a scrub commits: what the scrubbed rows left in the read store's files goes too. */
  private async wipeResidue(): Promise<void> {
    if ((await this.context.wipeResidue?.()) === false) {
      this.context.logger.error(
        `Projection "${this.projection.name}" scrubbed rows, but another process kept reading the read store's WAL: their old content stays in it until the next checkpoint`,
      );
    }
  }

  private async resubscribeAfterMove(): Promise<EventSubscription | undefined> {
    await this.subscription?.close();
    this.context.logger.log(
      `Projection "${this.projection.name}": its checkpoint was moved by someone else (a rebuild switching its tables); going on from there`,
    );
    return this.subscribeFromCheckpoint();
  }

  private async load(): Promise<Checkpoint> {
    const { db, clock } = this.context;
    const { name, version } = this.projection;
    await insertCheckpoint(db, initialCheckpoint(name, version), clock());
    return (await loadCheckpoint(db, name)) ?? initialCheckpoint(name, version);
  }

  /** Writes a checkpoint change that comes with no read-model rows (start, stop, failure). */
  private async record(next: Checkpoint): Promise<void> {
    await moveCheckpoint(this.context.db, this.current, next, this.context.clock());
    this.current = next;
    this.context.onChange();
  }

  /** The subscription or the read store failed, not a handler: stop there, visibly, and say why. */
  private async failOutsideHandler(error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const failed: Checkpoint = { ...this.current, status: 'failed', error: { message } };
    this.context.logger.error(`Projection "${this.projection.name}" stopped: ${message}`);
    try {
      await this.record(failed);
    } catch (recording) {
      // The read store may be what failed; waitFor and status must still see the failure.
      this.current = failed;
      this.context.onChange();
      this.context.logger.error(
        `Could not record the failure of "${this.projection.name}": ${String(recording)}`,
      );
    }
  }

  private logStart(): void {
    const { name, version } = this.projection;
    const { position, error } = this.current;
    const after = position === undefined ? 'the start' : `position ${position}`;
    const retry = error === undefined ? '' : ` (retrying after: ${error.message})`;
    this.context.logger.log(`Projection "${name}" v${version} projecting after ${after}${retry}`);
  }

  private logFailure(): void {
    const { error, position } = this.current;
    this.context.logger.error(
      `Projection "${this.projection.name}" failed at event ${error?.eventId ?? '?'} (position ${error?.position ?? '?'}): ${error?.message ?? ''}. ` +
        `It stays at position ${position ?? '(start)'} until resumed.`,
    );
  }
}
