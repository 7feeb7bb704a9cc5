import {
  type LockHolder,
  type LockOwner,
  type ReadStoreLockTables,
  releaseLock,
  renewLock,
  type SqliteExclusiveWriter,
  type SyncTransaction,
  tryAcquireLock,
} from '@ledger/read-store';
import { RebuildFailure } from './rebuild-result.js';

/** A run that stops renewing (killed on another host) frees its projection after this. */
const LOCK_TTL_MS = 60_000;
const RENEW_EVERY_MS = 10_000;

/** The lock of a projection in `read_store_locks`: rebuilds and replays of it take the same one. */
export const rebuildLockName = (projectionName: string): string => `projection:${projectionName}`;

/**
 * The lock that keeps a projection to one rebuild at a time, in the live read store where every
 * rebuilding process meets. Renewed as the build goes; lost only if this run stalled past the
 * expiry and another took over, which the switch checks in its own transaction.
 */
export class RebuildLock {
  private renewedAt: number;

  private constructor(
    private readonly writer: SqliteExclusiveWriter<unknown>,
    readonly name: string,
    private readonly owner: LockOwner,
    private readonly clock: () => Date,
  ) {
    this.renewedAt = clock().getTime();
  }

  /** The lock, or who holds it. */
  static async take(
    writer: SqliteExclusiveWriter<unknown>,
    projectionName: string,
    owner: LockOwner,
    clock: () => Date,
  ): Promise<RebuildLock | LockHolder> {
    const name = rebuildLockName(projectionName);
    const outcome = await writer.write((trx) =>
      tryAcquireLock(locks(trx), { name, owner, purpose: 'rebuild', ttlMs: LOCK_TTL_MS, now: clock() }),
    );
    return outcome.acquired ? new RebuildLock(writer, name, owner, clock) : outcome.holder;
  }

  /** Renews the lock when it is due; cheap to call after every batch. */
  async heartbeat(): Promise<void> {
    const now = this.clock();
    if (now.getTime() - this.renewedAt < RENEW_EVERY_MS) return;
    const held = await this.writer.write((trx) => this.renewIn(trx, now));
    if (!held) this.lost();
  }

  /** Inside the switch's transaction: the switch goes ahead only while this run holds the lock. */
  assertHeld(trx: SyncTransaction<unknown>, now: Date): void {
    if (!this.renewIn(trx, now)) this.lost();
  }

  async release(): Promise<void> {
    await this.writer.write((trx) => releaseLock(locks(trx), this.name, this.owner));
  }

  private renewIn(trx: SyncTransaction<unknown>, now: Date): boolean {
    this.renewedAt = now.getTime();
    return renewLock(locks(trx), this.name, this.owner, new Date(now.getTime() + LOCK_TTL_MS));
  }

  private lost(): never {
    throw new RebuildFailure({
      code: 'REBUILD.FAILED',
      message: `The lock ${this.name} was taken over by another run while this one stalled; this run stops.`,
    });
  }
}

function locks(trx: SyncTransaction<unknown>): SyncTransaction<ReadStoreLockTables> {
  return trx.view<ReadStoreLockTables>();
}
