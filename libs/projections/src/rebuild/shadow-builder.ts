import type { EventStore, Position, RecordedEvent } from '@ledger/event-store';
import type { LockOwner, SqliteExclusiveWriter, SyncTransaction } from '@ledger/read-store';
import type { AnyProjection } from '../registry.js';
import type { Checkpoint } from '../runner/checkpoint.js';
import { applyBuildBatch } from './apply-build-batch.js';
import { catchUp, handlerFailed } from './catch-up.js';
import { ProgressMeter } from './progress-meter.js';
import { projectionTables } from './projection-tables.js';
import type { RebuildLock } from './rebuild-lock.js';
import { RebuildFailure, type RebuildPhase, type RebuildProgress } from './rebuild-result.js';
import { openShadowBuild, type ShadowBuild } from './shadow-store.js';
import { switchOver } from './switch-over.js';

/** What every build in one call shares. */
export interface RebuildRun {
  readonly eventStore: EventStore;
  readonly liveFile: string;
  /** The live read store, for the lock and the switch; absent for a dry run, which writes nothing. */
  readonly writer: SqliteExclusiveWriter<unknown> | undefined;
  readonly owner: LockOwner;
  readonly batchSize: number;
  readonly clock: () => Date;
  readonly signal: AbortSignal | undefined;
  readonly onProgress: (progress: RebuildProgress) => void;
}

/** A run that switches (not a dry run): it has the live store's writer. */
export type SwitchingRun = RebuildRun & { readonly writer: SqliteExclusiveWriter<unknown> };

/** Only a live runner kept ahead of the build through all of these would make the switch give up. */
const MAX_SWITCH_ATTEMPTS = 20;

/**
 * A new version of one projection's tables, built apart from the live ones from its own checkpoint,
 * then switched in. Killed at any point, the shadow file and its checkpoint are what the next build
 * of that file continues from.
 *
 * @example
 * const builder = await ShadowBuilder.open(run, projection, shadowFileOf(run.liveFile, projection.name), lock);
 * await builder.catchUp();
 * await builder.switchIn(lock, (trx) => replaceRowsFromAttached(trx, 'rebuild', builder.tables));
 * await builder.close();
 */
export class ShadowBuilder {
  private checkpoint: Checkpoint;

  private constructor(
    private readonly run: RebuildRun,
    private readonly projection: AnyProjection,
    private readonly shadow: ShadowBuild,
    private readonly meter: ProgressMeter,
    private readonly lock: RebuildLock | undefined,
    readonly tables: readonly string[],
  ) {
    this.checkpoint = shadow.checkpoint;
  }

  /** Opens (or goes on with) the build in `file`; the lock, when given, is renewed as it goes. */
  static async open(
    run: RebuildRun,
    projection: AnyProjection,
    file: string,
    lock?: RebuildLock,
  ): Promise<ShadowBuilder> {
    const tables = await projectionTables(projection);
    const shadow = await openShadowBuild(file, projection, run.clock());
    const head = await run.eventStore.headPosition();
    const meter = new ProgressMeter(projection.name, shadow.checkpoint.position, head, () =>
      performance.now(),
    );
    const builder = new ShadowBuilder(run, projection, shadow, meter, lock, tables);
    builder.report('building');
    return builder;
  }

  get file(): string {
    return this.shadow.file;
  }

  get db(): ShadowBuild['db'] {
    return this.shadow.db;
  }

  /** The build's checkpoint as committed last. */
  get current(): Checkpoint {
    return this.checkpoint;
  }

  get position(): Position | undefined {
    return this.checkpoint.position;
  }

  /** Events this run took the build through, whatever happened after. */
  get eventsRead(): number {
    return this.meter.eventsSince(this.checkpoint.position);
  }

  /** Builds up to the head, or to the first event `stopBefore` picks, which it returns. */
  async catchUp(stopBefore?: (event: RecordedEvent) => boolean): Promise<RecordedEvent | undefined> {
    const { eventStore, batchSize, clock, signal } = this.run;
    this.meter.seeHead(await eventStore.headPosition());
    const afterBatch = async (checkpoint: Checkpoint): Promise<void> => {
      this.checkpoint = checkpoint;
      await this.lock?.heartbeat();
      this.report('building');
    };
    const context = { eventStore, projection: this.projection, batchSize, clock, signal, afterBatch };
    const { checkpoint, stoppedAt } = await catchUp(context, this.shadow.store, this.checkpoint, stopBefore);
    this.checkpoint = checkpoint;
    return stoppedAt;
  }

  /**
   * Applies the events of `read` (consecutive events of the log, as `readAll` gives them) that the
   * build has not applied yet, in one transaction with its checkpoint, as `catchUp` does with each
   * batch: so several builds can share one reading of the log.
   */
  async applyRead(read: readonly RecordedEvent[]): Promise<void> {
    const { eventStore, clock } = this.run;
    const after = this.checkpoint.position;
    // `read` is in log order: the events not applied yet are a suffix of it.
    const first =
      after === undefined
        ? 0
        : read.findIndex((event) => eventStore.comparePositions(event.globalPosition, after) > 0);
    const batch = first === -1 ? [] : first === 0 ? read : read.slice(first);
    if (batch.length === 0) return;
    this.checkpoint = await applyBuildBatch(
      this.shadow.store,
      this.projection,
      this.checkpoint,
      batch,
      clock,
    );
    if (this.checkpoint.status === 'failed') throw handlerFailed(this.projection.name, this.checkpoint);
    await this.lock?.heartbeat();
    this.report('building');
  }

  /**
   * Catches up with the head and switches in one transaction (see switchOver), again while a live
   * runner keeps getting ahead of the build. Returns what `replace` returned.
   */
  async switchIn<T>(lock: RebuildLock, replace: (trx: SyncTransaction<unknown>) => T): Promise<T> {
    const { eventStore, writer, clock } = this.run;
    if (writer === undefined) throw new Error('A dry run has no writer: it never switches');
    const compare = (a: Position, b: Position): number => eventStore.comparePositions(a, b);
    for (let attempt = 1; attempt <= MAX_SWITCH_ATTEMPTS; attempt += 1) {
      await this.catchUp();
      this.report('switching');
      const request = {
        writer,
        lock,
        shadowFile: this.shadow.file,
        replace,
        built: this.checkpoint,
        compare,
      };
      const outcome = await switchOver({ ...request, now: clock() });
      if (outcome.switched) {
        this.report('done');
        return outcome.replaced;
      }
    }
    throw new RebuildFailure({
      code: 'REBUILD.FAILED',
      message: `A live runner kept ahead of the build of "${this.projection.name}" through ${MAX_SWITCH_ATTEMPTS} attempts to switch.`,
    });
  }

  report(phase: RebuildPhase): void {
    this.run.onProgress(this.meter.at(phase, this.checkpoint.position));
  }

  close(): Promise<void> {
    return this.shadow.store.close();
  }
}
